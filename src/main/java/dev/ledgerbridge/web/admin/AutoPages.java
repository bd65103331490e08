package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.autopay.AutoSettings;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.web.HttpError;
import dev.ledgerbridge.web.Params;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A company's auto processing page: its rules (admins change them) and which invoices will be charged when. */
final class AutoPages {
    static final int SCHEDULE_ROWS = 500;

    private final AdminContext ctx;

    AutoPages(AdminContext ctx) {
        this.ctx = ctx;
    }

    private static String path(Company c) {
        return AdminServlet.BASE + "/companies/" + c.id() + "/auto-processing";
    }

    void page(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(ctx.services().companies(), g.get(0));
        AutoSettings st = ctx.auto().settings(company.id());
        Map<String, String> form = new HashMap<>();
        form.put("enabled", st.enabled() ? "on" : "");
        form.put("chargePastDue", st.chargePastDue() ? "on" : "");
        form.put("delayDays", Integer.toString(st.delayDays()));
        form.put("runHour", Integer.toString(st.runHour()));
        form.put("maxRetries", Integer.toString(st.maxRetries()));
        form.put("retryDays", Integer.toString(st.retryDays()));
        show(x, company, st, form, 200, null);
    }

    private void show(Exchange x, Company company, AutoSettings st, Map<String, String> form, int status, String error)
            throws IOException {
        Map<String, Object> m = x.model("Auto processing — " + company.name());
        m.put("company", company);
        m.put("nav", "auto");
        m.put("settings", st);
        m.put("form", form);
        m.put("error", error);
        m.put("zone", ctx.auto().zone().getId());
        m.put("schedule", ctx.auto().companyForecast(company.id(), SCHEDULE_ROWS));
        m.put("cur", ctx.services().paymentSettings().currencies(company.id()));
        m.put("scheduleLimit", SCHEDULE_ROWS);
        m.put("maxDelay", AutoSettings.MAX_DELAY_DAYS);
        m.put("maxRetries", AutoSettings.MAX_RETRIES);
        m.put("maxRetryDays", AutoSettings.MAX_RETRY_DAYS);
        x.render(status, "auto.vm", m);
    }

    void save(Exchange x, List<String> g) throws IOException, HttpError {
        Company company = Params.company(ctx.services().companies(), g.get(0));
        Map<String, String> form = new HashMap<>();
        for (String k : List.of("enabled", "chargePastDue", "delayDays", "runHour", "maxRetries", "retryDays")) {
            String v = x.param(k);
            form.put(k, v == null ? "" : v.length() > 20 ? v.substring(0, 20) : v);
        }
        try {
            AutoSettings st = ctx.auto().saveSettings(company.id(), "on".equals(form.get("enabled")),
                    number(form, "delayDays", "Delay days"), number(form, "runHour", "The hour of day"),
                    number(form, "maxRetries", "Retries"), number(form, "retryDays", "Days between retries"),
                    "on".equals(form.get("chargePastDue")), x.username());
            x.flash("Auto processing rules saved: " + (st.enabled() ? "on" : "off") + " for " + company.name() + ".");
            x.redirect(path(company));
        } catch (IllegalArgumentException e) {
            show(x, company, ctx.auto().settings(company.id()), form, 400,
                    "The rules were not saved: " + e.getMessage() + ".");
        }
    }

    private static int number(Map<String, String> form, String key, String what) {
        try {
            return Integer.parseInt(form.get(key).replace("+", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number", e);
        }
    }
}
