package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.ActionRequest;
import dev.ledgerbridge.action.AuditEntry;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.web.ApiContext;
import dev.ledgerbridge.web.HttpError;
import dev.ledgerbridge.web.Params;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The action queue browser (list, one action with its results and attempts, Retry / Cancel / Dismiss) and the audit log. */
final class ActionPages {
    static final int SHOWN = 200;
    static final int RESULTS_SHOWN = 1000;
    static final int AUDIT_PER_PAGE = 100;

    private final ApiContext s;

    ActionPages(AdminContext ctx) {
        this.s = ctx.services();
    }

    private static String base(Company c) {
        return AdminServlet.BASE + "/companies/" + c.id() + "/actions";
    }

    void list(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        String state = blankToNull(x.param("state"));
        String kind = blankToNull(x.param("kind"));
        String customer = blankToNull(x.param("customer"));
        if (state != null && !ActionQueue.STATES.contains(state)) {
            throw HttpError.badRequest("state must be one of " + String.join(", ", ActionQueue.STATES) + ".");
        }
        if (kind != null && !ActionQueue.KINDS.containsKey(kind)) {
            throw HttpError.badRequest("kind must be one of " + String.join(", ", ActionQueue.KINDS.keySet().stream()
                    .sorted().toList()) + ".");
        }
        if (customer != null && customer.length() > 36) {
            throw HttpError.badRequest("customer must be a ListID (at most 36 characters).");
        }
        boolean all = "1".equals(x.param("all"));
        Map<String, Object> m = x.model("Action queue — " + company.name());
        m.put("company", company);
        m.put("nav", "actions");
        m.put("actions", s.actions().browse(company.id(), state, kind, customer, all || state != null, SHOWN));
        m.put("state", state == null ? "" : state);
        m.put("kind", kind == null ? "" : kind);
        m.put("customer", customer == null ? "" : customer);
        m.put("all", all);
        m.put("states", ActionQueue.STATES);
        m.put("kinds", ActionQueue.KINDS.keySet().stream().sorted().toList());
        m.put("kindLabels", ActionQueue.KINDS);
        m.put("pending", s.actions().pendingCount(company.id()));
        x.render("actions.vm", m);
    }

    void show(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        ActionRequest a = action(company, g.get(1));
        Map<String, Object> m = x.model("Action #" + a.id() + " — " + company.name());
        m.put("company", company);
        m.put("nav", "actions");
        m.put("a", a);
        m.put("kindLabels", ActionQueue.KINDS);
        m.put("results", s.actions().results(a.id(), RESULTS_SHOWN));
        m.put("attempts", s.actions().attempts(a.id()));
        m.put("payload", a.payload() == null ? "" : a.payload());
        x.render("action.vm", m);
    }

    void retry(Exchange x, List<String> g) throws HttpError {
        change(x, g, "retry");
    }

    void cancel(Exchange x, List<String> g) throws HttpError {
        change(x, g, "cancel");
    }

    void dismiss(Exchange x, List<String> g) throws HttpError {
        change(x, g, "dismiss");
    }

    private void change(Exchange x, List<String> g, String what) throws HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        ActionRequest a = action(company, g.get(1));
        try {
            ActionRequest after = switch (what) {
                case "retry" -> s.actions().retry(company.id(), a.id());
                case "cancel" -> s.actions().cancel(company.id(), a.id(), x.username());
                default -> s.actions().dismiss(company.id(), a.id(), true);
            };
            x.audit("action-" + what, company.id(), "action #" + a.id(), a.kind() + ": " + a.state() + " -> "
                    + after.state() + (after.dismissed() ? " (dismissed)" : ""));
            x.flash(switch (what) {
                case "retry" -> "Action #" + a.id() + " is queued again: the next Web Connector run sends it.";
                case "cancel" -> "Action #" + a.id() + " is cancelled: it will not be sent.";
                default -> "Action #" + a.id() + " is dismissed from the list (filter by its state to see it).";
            });
        } catch (IllegalStateException | IllegalArgumentException e) {
            x.flash(e.getMessage());
        }
        String back = x.param("back");
        x.redirect("list".equals(back) ? base(company) : base(company) + "/" + a.id());
    }

    private ActionRequest action(Company company, String id) throws HttpError {
        long n = Long.parseLong(id);
        return s.actions().find(n).filter(a -> a.companyId() == company.id()).orElseThrow(() ->
                HttpError.notFound("There is no action #" + n + " in " + company.name() + "."));
    }

    void audit(Exchange x, List<String> g) throws IOException, HttpError {
        int page = Params.intParam(x.req, "page", 1, 1, 100_000);
        String staff = blankToNull(x.param("staff"));
        if (staff != null && staff.length() > 100) {
            throw HttpError.badRequest("staff must be a username (at most 100 characters).");
        }
        List<AuditEntry> entries = s.audit().list(staff, null, (page - 1) * AUDIT_PER_PAGE, AUDIT_PER_PAGE + 1);
        Map<String, Object> m = x.model("Audit log");
        m.put("nav", "audit");
        m.put("entries", entries.size() > AUDIT_PER_PAGE ? entries.subList(0, AUDIT_PER_PAGE) : entries);
        m.put("more", entries.size() > AUDIT_PER_PAGE);
        m.put("page", page);
        m.put("staff", staff == null ? "" : staff);
        m.put("staffQuery", staff == null ? "" : "&staff=" + URLEncoder.encode(staff, StandardCharsets.UTF_8));
        x.render("audit.vm", m);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }
}
