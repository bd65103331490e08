package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.ProfileLinkFile;
import dev.ledgerbridge.web.ApiContext;
import dev.ledgerbridge.web.HttpError;
import dev.ledgerbridge.web.Params;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Linking a whole book's customers to the customers they already have at the gateway from a CSV file: the form, the
 * preview that lists every row that matched nothing or more than once before anything is saved, and the linking of the
 * rows that matched once.
 */
final class LinkFilePages {
    private final ApiContext s;

    LinkFilePages(AdminContext ctx) {
        this.s = ctx.services();
    }

    private ProfileLinkFile file() {
        return new ProfileLinkFile(s.db(), s.paymentProfiles());
    }

    void form(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        show(x, company, "", null, null, null);
    }

    /** Previews the file; with confirm=yes, links the rows that matched once and shows what each did. */
    void submit(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(s.companies(), g.get(0));
        String csv = x.param("csv") == null ? "" : x.param("csv");
        try {
            if ("yes".equals(x.param("confirm"))) {
                show(x, company, csv, null, file().apply(company.id(), csv, x.username()), null);
            } else {
                show(x, company, csv, file().preview(company.id(), csv), null, null);
            }
        } catch (PaymentException e) {
            show(x, company, csv, null, null, e.getMessage());
        }
    }

    private void show(Exchange x, Company company, String csv, ProfileLinkFile.Preview preview,
                      List<ProfileLinkFile.Outcome> done, String error) throws IOException {
        Map<String, Object> m = x.model("Link customers from a file — " + company.name());
        m.put("company", company);
        m.put("nav", "payment-settings");
        m.put("csv", csv);
        m.put("preview", preview);
        m.put("done", done);
        m.put("error", error);
        String gateway = s.paymentSettings().get(company.id()).gateway();
        m.put("gatewayLabel", s.gateways().labels().getOrDefault(gateway, gateway));
        if (preview != null) {
            m.put("matched", preview.count(ProfileLinkFile.Match.MATCHED));
            m.put("unmatched", preview.count(ProfileLinkFile.Match.UNMATCHED));
            m.put("twice", preview.count(ProfileLinkFile.Match.MATCHED_TWICE));
        }
        x.render(error == null ? 200 : 400, "link-file.vm", m);
    }
}
