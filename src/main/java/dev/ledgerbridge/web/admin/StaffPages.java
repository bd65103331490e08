package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.auth.Passwords;
import dev.ledgerbridge.auth.StaffService;
import dev.ledgerbridge.auth.StaffUser;
import dev.ledgerbridge.web.HttpError;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Staff logins (admin only): list, add with a generated password shown once, reset a password, disable. */
final class StaffPages {
    private final StaffService staff;

    StaffPages(AdminContext ctx) {
        this.staff = ctx.services().staff();
    }

    void list(Exchange x, List<String> g) throws IOException {
        show(x, 200, null, null, "", StaffService.ROLE_STAFF);
    }

    private void show(Exchange x, int status, CompanyPages.Secret secret, String error, String username, String role)
            throws IOException {
        Map<String, Object> m = x.model("Staff logins");
        m.put("nav", "staff");
        m.put("staff", staff.list());
        m.put("secret", secret);
        m.put("error", error);
        m.put("username", username);
        m.put("role", role);
        x.render(status, "staff.vm", m);
    }

    void create(Exchange x, List<String> g) throws IOException {
        String username = x.param("username") == null ? "" : x.param("username");
        String role = StaffService.ROLE_ADMIN.equals(x.param("role")) ? StaffService.ROLE_ADMIN : StaffService.ROLE_STAFF;
        String password = Passwords.generate();
        try {
            staff.add(username, password, role);
            show(x, 200, new CompanyPages.Secret("Staff login '" + username + "' (" + role + ") created. Its password",
                    password, null), null, "", StaffService.ROLE_STAFF);
        } catch (IllegalArgumentException e) {
            show(x, 400, null, "The login was not created: " + e.getMessage() + ".", username, role);
        }
    }

    private StaffUser user(String id) throws HttpError {
        return staff.user(Long.parseLong(id)).orElseThrow(() ->
                HttpError.notFound("There is no staff login with id " + id + "."));
    }

    void resetPassword(Exchange x, List<String> g) throws IOException, HttpError {
        StaffUser u = user(g.get(0));
        String password = staff.resetPassword(u.id());
        show(x, 200, new CompanyPages.Secret("New password of '" + u.username() + "' (signed out everywhere)",
                password, null), null, "", StaffService.ROLE_STAFF);
    }

    void setEnabled(Exchange x, List<String> g) throws HttpError {
        StaffUser u = user(g.get(0));
        boolean enable = "true".equals(x.param("enabled"));
        try {
            staff.setEnabled(u.id(), enable);
            x.flash("Staff login '" + u.username() + "' " + (enable ? "enabled." : "disabled and signed out."));
        } catch (IllegalArgumentException e) {
            x.flash("Nothing changed: " + e.getMessage() + ".");
        }
        x.redirect(AdminServlet.BASE + "/staff");
    }
}
