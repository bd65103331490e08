package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.App;
import dev.ledgerbridge.autopay.Plan;
import dev.ledgerbridge.payment.CardDetails;
import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The auto processing page and the installment plan pages over HTTP: roles, CSRF, validation and what they show. */
class AutoPagesTest {
    static AdminFixture fx;
    static AdminClient admin;
    static AdminClient clerk;
    static App app;
    static long profileId;

    @BeforeAll
    static void start() {
        fx = new AdminFixture();
        app = fx.server.app();
        admin = new AdminClient(fx.baseUrl()).signedIn(AdminFixture.ADMIN, AdminFixture.ADMIN_PASSWORD);
        clerk = new AdminClient(fx.baseUrl()).signedIn(AdminFixture.STAFF, AdminFixture.STAFF_PASSWORD);
        profileId = app.paymentProfiles.add(fx.companyId, fx.smith.listId(),
                new CardDetails(SandboxGateway.APPROVE_CARD, 12, 2035, "Smith", "12345"), "test").id();
        app.auto.setCustomer(fx.companyId, fx.smith.listId(), true, "test");
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static String autoPath() {
        return "/admin/companies/" + fx.companyId + "/auto-processing";
    }

    private static String plansPath() {
        return fx.customerPath(fx.smith) + "/plans";
    }

    @Test
    void letsOnlyAdminsChangeTheRulesWithTheFormsToken() {
        var before = app.auto.settings(fx.companyId);
        assertThat(clerk.page(autoPath())).contains("Only an admin can change these rules", "disabled");
        HttpResponse<String> byClerk = clerk.post(autoPath(), "enabled", "on", "delayDays", "0", "runHour", "9",
                "maxRetries", "0", "retryDays", "3");
        assertThat(byClerk.statusCode()).isEqualTo(403);
        HttpResponse<String> forged = admin.postRaw(autoPath(), List.of("enabled", "on", "delayDays", "0", "runHour",
                "9", "maxRetries", "0", "retryDays", "3", "csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(app.auto.settings(fx.companyId)).isEqualTo(before);
    }

    @Test
    void showsWhatIsWrongWithTheRulesAndKeepsWhatWasTyped() {
        var before = app.auto.settings(fx.companyId);
        HttpResponse<String> hour = admin.post(autoPath(), "enabled", "on", "delayDays", "2", "runHour", "25",
                "maxRetries", "0", "retryDays", "3");
        assertThat(hour.statusCode()).isEqualTo(400);
        assertThat(hour.body()).contains("The rules were not saved: The hour of day must be between 0 and 23.")
                .contains("id=\"runHour\" name=\"runHour\" type=\"number\" min=\"0\" max=\"23\" value=\"25\"");
        HttpResponse<String> words = admin.post(autoPath(), "delayDays", "soon", "runHour", "9", "maxRetries", "0",
                "retryDays", "3");
        assertThat(words.statusCode()).isEqualTo(400);
        assertThat(words.body()).contains("Delay days must be a whole number");
        assertThat(admin.post(autoPath(), "delayDays", "1", "runHour", "9", "maxRetries", "11", "retryDays", "3")
                .body()).contains("Retries must be between 0 and 10");
        assertThat(app.auto.settings(fx.companyId)).isEqualTo(before);
    }

    @Test
    void savesTheRulesAndListsWhichInvoicesWillBeChargedWhen() {
        // INV-7001 was due 2026-04-01: with 365 days of delay it is charged on 2027-04-01, at 06:00
        HttpResponse<String> r = admin.post(autoPath(), "enabled", "on", "delayDays", "365", "runHour", "6",
                "maxRetries", "2", "retryDays", "4");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String page = admin.follow(r).body();
        assertThat(page).contains("Auto processing rules saved: on").contains("value=\"365\"", "value=\"4\"")
                .contains("id=\"enabled\" checked");
        String expected = fx.server.app().auto.at(LocalDate.of(2026, 4, 1).plusDays(365), 6).toString();
        assertThat(app.auto.companyForecast(fx.companyId, 10)).anySatisfy(f -> {
            assertThat(f.invoice().refNumber()).isEqualTo("INV-7001");
            assertThat(f.chargeAt()).hasToString(expected);
        });
        Matcher row = Pattern.compile("<tr class=\"forecast\">(?:(?!</tr>).)*INV-7001(?:(?!</tr>).)*</tr>", Pattern.DOTALL)
                .matcher(page);
        assertThat(row.find()).as(page).isTrue();
        assertThat(row.group()).contains("Scheduled", "2027-04-01", "213.75", "Will be charged then");
        assertThat(clerk.page(fx.customerPath(fx.smith))).contains("Auto processing", "INV-7001", "Scheduled");
        assertThat(clerk.page(fx.customerPath(fx.parent))).contains("No open invoices: nothing to charge.");
    }

    @Test
    void makesAPlanShowsItAndChangesIt() {
        LocalDate first = app.plans.today().plusDays(10);
        assertThat(clerk.page(plansPath())).contains("id=\"plan-form\"", "INV-7001", "213.75", "Visa ending 1111");

        // a custom schedule that does not add up comes back with the reason and as it was typed
        HttpResponse<String> bad = clerk.post(plansPath(), "invoice", fx.invoice.txnId(), "profile",
                Long.toString(profileId), "mode", "custom", "custom", first + " 100.00\n" + first.plusDays(7) + " 100.00");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("The plan was not made: The installments add up to 200.00 but must add up to"
                + " the invoice's open balance, 213.75.").contains(first.plusDays(7) + " 100.00</textarea>");
        HttpResponse<String> past = clerk.post(plansPath(), "invoice", fx.invoice.txnId(), "profile",
                Long.toString(profileId), "mode", "equal", "count", "3", "first", "2020-01-01", "every", "month");
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("is in the past");
        assertThat(clerk.postRaw(plansPath(), List.of("invoice", fx.invoice.txnId(), "profile",
                Long.toString(profileId), "mode", "equal", "count", "3", "first", first.toString(), "every", "month"))
                .statusCode()).as("without the CSRF token").isEqualTo(403);

        // equal amounts, monthly
        HttpResponse<String> made = clerk.post(plansPath(), "invoice", fx.invoice.txnId(), "profile",
                Long.toString(profileId), "mode", "equal", "count", "3", "first", first.toString(), "every", "month");
        assertThat(made.statusCode()).as(made.body()).isEqualTo(303);
        String planPath = made.headers().firstValue("Location").orElseThrow().replaceAll("\\?.*", "");
        assertThat(planPath).matches(Pattern.quote(plansPath()) + "/\\d+");
        String page = clerk.follow(made).body();
        assertThat(page).contains("Installment plan #", "made: 3 installments adding up to 213.75", "id=\"plan-state\">active")
                .contains(first.toString(), first.plusMonths(1).toString(), first.plusMonths(2).toString());
        assertThat(Pattern.compile(">71\\.25<").matcher(page).results().count()).isEqualTo(3);
        assertThat(clerk.page(fx.customerPath(fx.smith))).contains("replaces the due date");
        assertThat(clerk.page(plansPath())).doesNotContain("<option value=\"" + fx.invoice.txnId() + "\"");

        // rescheduling must keep the total
        HttpResponse<String> wrong = clerk.post(planPath + "/installments", "schedule", first + " 13.75");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("must add up to what the plan has left to collect, 213.75");
        HttpResponse<String> right = clerk.post(planPath + "/installments", "schedule",
                first + " 113.75\n" + first.plusDays(14) + " 100.00");
        assertThat(right.statusCode()).isEqualTo(303);
        assertThat(clerk.follow(right).body()).contains("Installments of plan #", ">113.75<", ">100.00<")
                .doesNotContain(">71.25<");

        // pause, resume, cancel
        assertThat(clerk.follow(clerk.post(planPath + "/state", "action", "pause")).body())
                .contains("paused: nothing is charged", "id=\"plan-state\">paused", "value=\"resume\"");
        HttpResponse<String> again = clerk.post(planPath + "/state", "action", "pause");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("is paused: it cannot pause");
        assertThat(clerk.follow(clerk.post(planPath + "/state", "action", "resume")).body())
                .contains("id=\"plan-state\">active");
        assertThat(clerk.follow(clerk.post(planPath + "/state", "action", "cancel")).body())
                .contains("cancelled: nothing more is charged", "id=\"plan-state\">cancelled")
                .doesNotContain("id=\"schedule-form\"");
        long id = Long.parseLong(planPath.substring(planPath.lastIndexOf('/') + 1));
        assertThat(app.plans.plan(fx.companyId, id).orElseThrow().state()).isEqualTo(Plan.CANCELLED);
        assertThat(clerk.page(plansPath())).contains("<option value=\"" + fx.invoice.txnId() + "\"");
    }

    @Test
    void answersUnknownPlansAndOtherCustomersPlansWithNotFound() {
        assertThat(clerk.get(plansPath() + "/999999").statusCode()).isEqualTo(404);
        Plan p = app.plans.create(fx.companyId, fx.smith.listId(), app.plans.invoicesWithoutPlan(fx.companyId,
                fx.smith.listId()).stream().filter(i -> "INV-7002".equals(i.refNumber())).findFirst().orElseThrow()
                .txnId(), profileId, List.of(new dev.ledgerbridge.autopay.InstallmentPlans.Dated(
                app.plans.today().plusDays(3), new java.math.BigDecimal("80.00"))), "test");
        assertThat(clerk.get(fx.customerPath(fx.parent) + "/plans/" + p.id()).statusCode()).isEqualTo(404);
        assertThat(clerk.post(fx.customerPath(fx.parent) + "/plans/" + p.id() + "/state", "action", "cancel")
                .statusCode()).isEqualTo(404);
        assertThat(clerk.post(plansPath() + "/" + p.id() + "/state", "action", "explode").body())
                .contains("Unknown change");
        assertThat(clerk.page(fx.customerPath(fx.parent) + "/plans")).contains("has no payment profile yet");
    }
}
