package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.action.ActionRequest;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.sync.Problems;
import dev.ledgerbridge.sync.SyncRun;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every admin page over HTTP after a real sync: sign-in, roles, CSRF, escaping, parameters and what each page shows. */
class AdminPagesTest {
    static AdminFixture fx;
    static AdminClient admin;
    static AdminClient clerk;

    @BeforeAll
    static void start() {
        fx = new AdminFixture();
        admin = new AdminClient(fx.baseUrl()).signedIn(AdminFixture.ADMIN, AdminFixture.ADMIN_PASSWORD);
        clerk = new AdminClient(fx.baseUrl()).signedIn(AdminFixture.STAFF, AdminFixture.STAFF_PASSWORD);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    // ---- signing in ------------------------------------------------------------------------------------

    @Test
    void sendsASignedOutVisitorToTheSignInPageAndBack() {
        AdminClient anon = new AdminClient(fx.baseUrl());
        HttpResponse<String> r = anon.get(fx.customersPath() + "?q=smith");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/admin/login?next=");

        HttpResponse<String> form = anon.get(r.headers().firstValue("Location").orElseThrow());
        assertThat(form.body()).contains("name=\"next\" value=\"" + fx.customersPath() + "?q=smith\"");
        assertThat(anon.post("/admin/companies/" + fx.companyId + "/resync").statusCode())
                .as("a form post without a session").isEqualTo(401);
    }

    @Test
    void setsAnHttpOnlySameSiteStrictSessionCookie() {
        AdminClient c = new AdminClient(fx.baseUrl());
        HttpResponse<String> form = c.get("/admin/login");
        assertThat(form.headers().allValues("Set-Cookie")).anySatisfy(v ->
                assertThat(v).startsWith("lb_login=").contains("HttpOnly", "SameSite=Strict"));
        HttpResponse<String> r = c.login(AdminFixture.STAFF, AdminFixture.STAFF_PASSWORD);
        assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(v -> assertThat(v)
                .startsWith("lb_session=").contains("Path=/admin", "HttpOnly", "SameSite=Strict")
                .doesNotContain("Secure"));
        assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    }

    @Test
    void refusesAWrongPasswordWithoutSayingWhichPartWasWrong() {
        AdminClient c = new AdminClient(fx.baseUrl());
        HttpResponse<String> r = c.login(AdminFixture.STAFF, "not the password");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Wrong username or password");
        assertThat(c.login("nobody", "whatever password").body()).contains("Wrong username or password");
    }

    @Test
    void refusesASignInFormWithoutItsToken() {
        AdminClient c = new AdminClient(fx.baseUrl());
        HttpResponse<String> r = c.postRaw("/admin/login", List.of("username", AdminFixture.STAFF, "password",
                AdminFixture.STAFF_PASSWORD, "csrf", "forged"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("sign-in form had expired");
    }

    @Test
    void signsOutAndTheOldSessionNoLongerWorks() {
        AdminClient c = new AdminClient(fx.baseUrl()).signedIn(AdminFixture.STAFF, AdminFixture.STAFF_PASSWORD);
        HttpResponse<String> out = c.post("/admin/logout");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/admin/login?out=1");
        assertThat(c.get(fx.customersPath()).statusCode()).isEqualTo(303);
    }

    @Test
    void followsOnlyLocalPathsAfterSignIn() {
        assertThat(AdminServlet.safeNext("/admin/companies/1/customers?q=a")).isEqualTo("/admin/companies/1/customers?q=a");
        assertThat(AdminServlet.safeNext("https://evil.example/")).isEqualTo("/admin/");
        assertThat(AdminServlet.safeNext("//evil.example/admin/")).isEqualTo("/admin/");
        assertThat(AdminServlet.safeNext("/admin//evil.example")).isEqualTo("/admin/");
        assertThat(AdminServlet.safeNext("/admin/../../evil")).isEqualTo("/admin/");
        assertThat(AdminServlet.safeNext("/admin/%2e%2E/evil")).isEqualTo("/admin/");
        assertThat(AdminServlet.safeNext("/admin/./companies")).isEqualTo("/admin/");
        assertThat(AdminServlet.safeNext("/admin/companies/1/customers?q=..")).as("dots in the query are words")
                .isEqualTo("/admin/companies/1/customers?q=..");
        assertThat(AdminServlet.safeNext("/admin/customers/Smith..Sons")).isEqualTo("/admin/customers/Smith..Sons");
    }

    @Test
    void aSignInWithAPasswordLongerThanBcryptTakesIsRefusedLikeAWrongOne() {
        for (String user : List.of(AdminFixture.STAFF, "no-such-user")) {
            HttpResponse<String> r = new AdminClient(fx.baseUrl()).login(user, "p".repeat(150));
            assertThat(r.statusCode()).as(user).isEqualTo(401);
            assertThat(r.body()).contains("Wrong username or password").doesNotContain("Exception");
        }
    }

    // ---- CSRF and roles --------------------------------------------------------------------------------

    @Test
    void refusesFormsWithoutTheSessionsCsrfToken() {
        String path = fx.customerPath(fx.parent) + "/settings";
        HttpResponse<String> none = clerk.postRaw(path, List.of("notes", "changed"));
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("This form has expired");
        HttpResponse<String> forged = clerk.postRaw(path, List.of("notes", "changed", "csrf", "forged"));
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> otherSessions = clerk.postRaw(path, List.of("notes", "changed", "csrf", admin.csrf));
        assertThat(otherSessions.statusCode()).as("another session's token").isEqualTo(403);
        assertThat(clerk.page(path)).doesNotContain(">changed<");
    }

    @Test
    void refusesAFormSentFromAnotherSiteEvenWithTheSessionAndItsToken() {
        // given: a form post that carries the session cookie and the right token, as a browser would send it
        String path = fx.customerPath(fx.job) + "/settings";
        clerk.page(path);

        // when: the browser says another site's page sent it
        HttpResponse<String> foreign = clerk.postFrom(path, List.of("Origin", "https://evil.example"),
                "notes", "forged from elsewhere");
        HttpResponse<String> crossSite = clerk.postFrom(path, List.of("Sec-Fetch-Site", "cross-site"),
                "notes", "forged from elsewhere");
        HttpResponse<String> ownPage = clerk.postFrom(path, List.of("Origin", fx.baseUrl()), "notes", "from our page");

        // then
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.body()).contains("sent from another site");
        assertThat(crossSite.statusCode()).isEqualTo(403);
        assertThat(ownPage.statusCode()).isEqualTo(303);
        assertThat(clerk.page(path)).doesNotContain("forged from elsewhere").contains("from our page");
        assertThat(new AdminClient(fx.baseUrl()).loginFrom(List.of("Origin", "https://evil.example"),
                AdminFixture.STAFF, AdminFixture.STAFF_PASSWORD).statusCode()).as("sign-in from another site")
                .isEqualTo(403);
    }

    @Test
    void keepsAdminPagesFromStaff() {
        assertThat(clerk.get("/admin/companies").statusCode()).isEqualTo(403);
        assertThat(clerk.get("/admin/tokens").statusCode()).isEqualTo(403);
        assertThat(clerk.post("/admin/logins", "username", "sneaky", "company", "Acme").statusCode()).isEqualTo(403);
        assertThat(clerk.get("/admin/companies").body()).contains("Only an admin");
        assertThat(clerk.page(fx.customersPath())).doesNotContain("href=\"/admin/companies\"");
        assertThat(admin.page(fx.customersPath())).contains("href=\"/admin/companies\"");
    }

    // ---- the Customers page ----------------------------------------------------------------------------

    @Test
    void listsCustomersWithJobsIndentedUnderTheirParent() {
        String body = clerk.page(fx.customersPath() + "?size=200");
        assertThat(body).contains(count("active") + " customers");
        int parentAt = body.indexOf(">Aardvark Holdings<");
        int jobAt = body.indexOf(">Roof repair<");
        assertThat(parentAt).isPositive();
        assertThat(jobAt).isGreaterThan(parentAt);
        assertThat(body.substring(parentAt, jobAt)).contains("lvl-1");
        assertThat(body).doesNotContain("Zed Dormant").contains("Re-Sync customers", "List last changed");
        assertThat(body).contains("title=\"Settings: emails, auto processing, notes\"",
                "title=\"Transaction history by invoice\"", "title=\"Installment plans\"", "id=\"select-all\"");
    }

    @Test
    void filtersSearchesSortsAndPages() {
        assertThat(clerk.page(fx.customersPath() + "?active=inactive")).contains("Zed Dormant")
                .contains(count("inactive") + " customers");
        assertThat(clerk.page(fx.customersPath() + "?active=all")).contains(count("all") + " customers");
        String found = clerk.page(fx.customersPath() + "?q=smith%40example");
        assertThat(found).contains("1 customer matching").contains("smith@example.com");
        String page2 = clerk.page(fx.customersPath() + "?size=25&page=2&sort=-balance");
        assertThat(page2).contains("Page 2 of " + (count("active") + 24) / 25).contains("aria-sort=\"descending\"");
        assertThat(clerk.page(fx.customersPath() + "?page=99")).contains("past the end of the list");
    }

    private static long count(String active) {
        try (var s = fx.server.app().db.session()) {
            return fx.server.app().customers.search(s, fx.companyId, new dev.ledgerbridge.customer.CustomerQuery(null,
                    dev.ledgerbridge.customer.CustomerQuery.Sort.NAME, false, active, 1, 1)).total();
        }
    }

    @Test
    void answersBadListParametersWithClearErrors() {
        HttpResponse<String> negative = clerk.get(fx.customersPath() + "?page=-1");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("page must be between 1 and");
        HttpResponse<String> sort = clerk.get(fx.customersPath() + "?sort=password_hash");
        assertThat(sort.statusCode()).isEqualTo(400);
        assertThat(sort.body()).contains("unknown sort column");
        HttpResponse<String> huge = clerk.get(fx.customersPath() + "?size=1000000");
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(huge.body()).contains("size must be between 1 and 500");
        assertThat(clerk.get(fx.customersPath() + "?active=maybe").statusCode()).isEqualTo(400);
        assertThat(clerk.get("/admin/companies/999999/customers").statusCode()).isEqualTo(404);
        assertThat(clerk.get("/admin/nothing-here").statusCode()).isEqualTo(404);
        assertThat(clerk.get("/admin/companies/" + fx.companyId + "/resync").statusCode()).isEqualTo(405);
    }

    @Test
    void printsAMarkupNameAsText() {
        String body = clerk.page(fx.customersPath() + "?q=Smith");
        assertThat(body).doesNotContain("<script>alert(1)</script>");
        assertThat(body).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Smith's&quot;");
        String page = clerk.page(fx.customerPath(fx.smith));
        assertThat(page).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
    }

    @Test
    void queuesAReSyncAndShowsItPendingUntilTheNextRun() {
        HttpResponse<String> r = clerk.post("/admin/companies/" + fx.companyId + "/resync", "q", "", "sort", "-balance",
                "active", "all", "page", "2", "size", "25");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).contains("sort=-balance", "page=2", "size=25");
        String pending = clerk.page(fx.customersPath());
        assertThat(pending).contains("Re-sync pending", "Re-sync requested");
        fx.sync();
        assertThat(clerk.page(fx.customersPath())).doesNotContain("Re-sync pending");
    }

    @Test
    void postsTheSelectionAndBulkActionToOneEndpointAndShowsEachCustomersResult() {
        HttpResponse<String> r = clerk.post("/admin/companies/" + fx.companyId + "/bulk", "action",
                "enable-auto-processing", "listId", fx.smith.listId(), "listId", fx.job.listId(), "key",
                "11111111-2222-3333-4444-555555555555");
        assertThat(r.statusCode()).isEqualTo(303);
        String location = r.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/admin/companies/" + fx.companyId + "/actions/");
        String page = clerk.page(location);
        assertThat(page).contains("Enable auto processing for 2 customers", "2 customers turned on",
                "id=\"action-state\">done<", fx.smith.listId(), fx.job.listId(), "turned on");
        List<ActionRequest> done = fx.server.app().actions.list(fx.companyId, "done", 10);
        assertThat(done).anySatisfy(a -> {
            assertThat(a.kind()).isEqualTo("enable-auto-processing");
            assertThat(a.customerCount()).isEqualTo(2);
            assertThat(a.resultsDone()).isEqualTo(2);
            assertThat(a.requestedBy()).isEqualTo(AdminFixture.STAFF);
        });
        clerk.post("/admin/companies/" + fx.companyId + "/bulk", "action", "enable-auto-processing", "listId",
                fx.smith.listId(), "key", "11111111-2222-3333-4444-555555555555");
        assertThat(fx.server.app().actions.list(fx.companyId, null, 100).stream()
                .filter(a -> a.idempotencyKey().equals("11111111-2222-3333-4444-555555555555"))).hasSize(1);
        HttpResponse<String> again = clerk.post("/admin/companies/" + fx.companyId + "/bulk", "action",
                "enable-auto-processing", "listId", fx.smith.listId(), "listId", "8000FFFF-0000000000");
        assertThat(clerk.page(again.headers().firstValue("Location").orElseThrow()))
                .contains("0 customers turned on, 2 skipped", "already on", "skipped: no such customer");

        clerk.post("/admin/companies/" + fx.companyId + "/bulk", "action", "enable-auto-processing");
        assertThat(clerk.page(fx.customersPath())).contains("Nothing was queued: select at least one customer");
        clerk.post("/admin/companies/" + fx.companyId + "/bulk", "action", "drop-tables", "listId", fx.smith.listId());
        assertThat(clerk.page(fx.customersPath())).contains("Nothing was queued: unknown action");
    }

    @Test
    void theQueueBrowserFiltersShowsAttemptsAndRetriesCancelsAndDismisses() {
        // given a re-sync waiting for the next run, and a finished bulk action
        String base = "/admin/companies/" + fx.companyId + "/actions";
        String resync = clerk.post("/admin/companies/" + fx.companyId + "/bulk", "action", "resync-customers",
                "listId", fx.inactive.listId()).headers().firstValue("Location").orElseThrow();
        assertThat(clerk.page(resync)).contains("id=\"action-state\">queued<", "Waiting for the next Web Connector run");
        assertThat(clerk.page("/admin/companies/" + fx.companyId + "/sync")).contains("id=\"pending-actions\"",
                "pending in the");

        // then the list filters by state, kind and customer
        assertThat(clerk.page(base + "?state=queued")).contains("Re-sync from QuickBooks")
                .doesNotContain("badge action-done");
        assertThat(clerk.page(base + "?kind=enable-auto-processing")).doesNotContain("badge action-queued");
        assertThat(clerk.page(base + "?customer=" + fx.inactive.listId())).contains("Re-sync from QuickBooks");
        assertThat(clerk.get(base + "?state=lost").statusCode()).isEqualTo(400);
        assertThat(clerk.get(base + "?kind=format-disk").statusCode()).isEqualTo(400);
        assertThat(clerk.get(base + "/999999999").statusCode()).isEqualTo(404);

        // and Cancel, then Dismiss, change its state; Retry of a cancelled one is refused with a message
        String id = resync.substring(resync.lastIndexOf('/') + 1);
        assertThat(clerk.post(base + "/" + id + "/cancel").statusCode()).isEqualTo(303);
        assertThat(clerk.page(base + "/" + id)).contains("id=\"action-state\">cancelled<", "Cancelled by clerk");
        clerk.post(base + "/" + id + "/retry");
        assertThat(clerk.page(base + "/" + id)).contains("Only a failed action can be retried");
        clerk.post(base + "/" + id + "/dismiss", "back", "list");
        assertThat(clerk.page(base)).doesNotContain("id=\"action-" + id + "\"");
        assertThat(clerk.page(base + "?all=1")).contains("id=\"action-" + id + "\"");
    }

    @Test
    void anActionPageShowsEachRequestToQuickBooksEscaped() {
        // given a payment posted to QuickBooks by a run
        long id;
        try (org.apache.ibatis.session.SqlSession s = fx.server.app().db.session()) {
            id = fx.server.app().actions.queuePaymentPost(s, new dev.ledgerbridge.action.PaymentPost(fx.companyId, 501,
                    fx.smith.listId(), new java.math.BigDecimal("5.00"), List.of(), fx.qb.today(), "Visa", null,
                    null, "pages-attempt-1", AdminFixture.STAFF)).id();
            s.commit();
        }
        fx.sync();

        // then its page shows the qbXML sent and received as text, never as markup
        String page = clerk.page("/admin/companies/" + fx.companyId + "/actions/" + id);
        assertThat(page).contains("id=\"action-state\">done<", "&lt;ReceivePaymentAddRq", "pages-attempt-1",
                "&lt;ReceivePaymentAddRs").doesNotContain("<ReceivePaymentAddRq", "<ReceivePaymentRet");
    }

    @Test
    void theAuditLogListsStaffActionsForAdminsOnly() {
        clerk.post("/admin/companies/" + fx.companyId + "/bulk", "action", "disable-auto-processing", "listId",
                fx.inactive.listId());
        assertThat(clerk.get("/admin/audit").statusCode()).isEqualTo(403);
        String log = admin.page("/admin/audit?staff=clerk");
        assertThat(log).contains("bulk-action", "disable-auto-processing for 1 customer(s)", "sign-in", "127.0.0.1")
                .doesNotContain("<td>boss</td>");
        assertThat(admin.page("/admin/audit")).contains("<td>boss</td>");
    }

    // ---- one customer ------------------------------------------------------------------------------------

    @Test
    void showsTheCustomerWithInvoicesLinesAndSummaryCards() {
        String back = "q=Smith&sort=-balance&active=all&page=1&size=25";
        String body = clerk.page(fx.customerPath(fx.smith) + "?" + back);
        assertThat(body).contains("INV-7001", "INV-7002", "Overdue", "Two days", "Starter kit", "Part B");
        assertThat(body).contains("id=\"card-approved\">0<", "id=\"card-declined\">0<", "id=\"card-collected\">0.00<",
                "id=\"card-balance\">");
        assertThat(body).contains("No payment profiles", "No transactions through Ledgerbridge yet",
                "No installment plans");
        assertThat(body).contains("href=\"" + fx.customersPath() + "?q=Smith&amp;sort=-balance&amp;active=all&amp;page=1"
                + "&amp;size=25\"");
        assertThat(body).contains("smith@example.com", "555-0100", "Smith &amp; Sons");
        String job = clerk.page(fx.customerPath(fx.job));
        assertThat(job).contains("Job of", "Aardvark Holdings");
        assertThat(clerk.get(fx.customersPath() + "/8000FFFF-0000000000").statusCode()).isEqualTo(404);
        assertThat(clerk.get(fx.customerPath(fx.smith) + "?ipage=0").statusCode()).isEqualTo(400);
    }

    @Test
    void savesLocalSettingsAtOnceAndQueuesTheEmailForQuickBooks() throws Exception {
        String path = fx.customerPath(fx.parent) + "/settings";
        assertThat(clerk.page(path)).contains("ap@aardvark.example");
        HttpResponse<String> r = clerk.post(path, "email", "billing@aardvark.example", "extraEmails",
                "ops@aardvark.example\nceo@aardvark.example", "autoProcessing", "on", "notes", "Pays on Fridays");
        assertThat(r.statusCode()).isEqualTo(303);
        String after = clerk.page(path);
        assertThat(after).contains("Settings saved", "queued to be written to QuickBooks", "billing@aardvark.example",
                "ops@aardvark.example", "Pays on Fridays", "checked");
        String page = clerk.page(fx.customerPath(fx.parent));
        assertThat(page).contains("Waiting to go to QuickBooks", "billing@aardvark.example", "ceo@aardvark.example");
        try (Connection c = fx.server.app().db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT w.email, w.state, a.kind, a.state FROM email_writeback w"
                     + " JOIN action_request a ON a.id = w.action_id WHERE w.list_id = '" + fx.parent.listId() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("billing@aardvark.example");
            assertThat(rs.getString(2)).isEqualTo("queued");
            assertThat(rs.getString(3)).isEqualTo("update-email");
        }
        assertThat(clerk.page(fx.customersPath() + "?q=Aardvark")).contains("badge good\">On<");

        HttpResponse<String> bad = clerk.post(path, "email", "not an email", "extraEmails", "", "notes", "");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("is not an email address");
    }

    @Test
    void showsHistoryByInvoiceNewestFirstAndThePlansPage() {
        String history = clerk.page(fx.customerPath(fx.smith) + "/history");
        assertThat(history).contains("INV-7001", "INV-7002", "recorded in QuickBooks");
        assertThat(history.indexOf("INV-7002")).as("newest first").isLessThan(history.indexOf("INV-7001"));
        assertThat(clerk.page(fx.customerPath(fx.smith) + "/plans")).contains("no installment plans");
        assertThat(clerk.page(fx.customerPath(fx.job) + "/history")).contains("No invoices for this customer yet");
    }

    // ---- companies, logins, sync status, tokens -------------------------------------------------------

    @Test
    void listsCompaniesWithTheirLoginAndLastRun() {
        String body = admin.page("/admin/companies");
        assertThat(body).contains("Acme", "acme", "Download .qwc", "success", "Acme Corp");
    }

    @Test
    void createsAWebConnectorLoginAndShowsItsPasswordOnce() {
        HttpResponse<String> r = admin.post("/admin/logins", "username", "globex-wc", "company", "Globex");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("shown only this once", "Web Connector login 'globex-wc' created");
        QbwcLogin login = fx.server.app().companies.login("globex-wc").orElseThrow();
        String password = r.body().replaceAll("(?s).*id=\"new-secret\">([^<]+)<.*", "$1");
        assertThat(password).hasSize(20);
        assertThat(fx.server.app().hasher.verify(password, login.passwordHash())).isTrue();
        assertThat(admin.page("/admin/companies")).contains("globex-wc").doesNotContain(password);

        HttpResponse<String> dup = admin.post("/admin/logins", "username", "globex-wc", "company", "Globex");
        assertThat(dup.statusCode()).isEqualTo(400);
        assertThat(dup.body()).contains("already exists");

        HttpResponse<String> reset = admin.post("/admin/logins/" + login.id() + "/password");
        String newPassword = reset.body().replaceAll("(?s).*id=\"new-secret\">([^<]+)<.*", "$1");
        assertThat(fx.server.app().hasher.verify(newPassword,
                fx.server.app().companies.login(login.id()).orElseThrow().passwordHash())).isTrue();

        assertThat(admin.post("/admin/logins/" + login.id() + "/enabled", "enabled", "false").statusCode()).isEqualTo(303);
        assertThat(fx.server.app().companies.login(login.id()).orElseThrow().enabled()).isFalse();
        assertThat(admin.page("/admin/companies")).contains("Disabled");
        admin.post("/admin/logins/" + login.id() + "/enabled", "enabled", "true");
        assertThat(fx.server.app().companies.login(login.id()).orElseThrow().enabled()).isTrue();
        assertThat(admin.post("/admin/logins/999999/password").statusCode()).isEqualTo(404);
    }

    @Test
    void switchesBetweenCompaniesWhenThereAreSeveral() {
        long other = fx.server.app().companies.addLogin("initech-wc", "Initech", "correct horse battery").companyId();
        String body = clerk.page(fx.customersPath());
        assertThat(body).contains("class=\"menu switcher\"", "href=\"/admin/companies/" + other + "/customers\"");
        String empty = clerk.page("/admin/companies/" + other + "/customers");
        assertThat(empty).contains("No customers here yet", "aria-current=\"true\">Initech<");
        assertThat(clerk.page("/admin/companies/" + other + "/sync")).contains("No Web Connector run yet",
                "The Web Connector has never called for this company");
    }

    @Test
    void downloadsTheQwcFileOfALogin() {
        QbwcLogin login = fx.server.app().companies.login(AdminFixture.WC_USER).orElseThrow();
        HttpResponse<String> r = admin.get("/admin/logins/" + login.id() + "/qwc");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"acme.qwc\"");
        assertThat(r.body()).contains("<AppURL>" + fx.baseUrl() + "/qbwc</AppURL>", "<UserName>acme</UserName>",
                "<FileID>" + login.fileId() + "</FileID>");
        assertThat(admin.get("/admin/logins/999999/qwc").statusCode()).isEqualTo(404);
    }

    @Test
    void showsSyncRunsWithCountsAndPlainLanguageErrors() {
        long run = fx.server.app().sync.startRun(fx.companyId, "13.0");
        fx.server.app().sync.fail(run, SyncRun.FAILED, Problems.forHresult("0x80040408", "Could not start QuickBooks."),
                "0x80040408");
        String body = clerk.page("/admin/companies/" + fx.companyId + "/sync");
        assertThat(body).contains("Recent runs", "success", "failed",
                "QuickBooks could not be started on the Web Connector's computer",
                "customers", "Steps", "Last proved equal to QuickBooks");
        assertThat(body).as("a company that called just now gets no silence warning")
                .doesNotContain("has not called", "has never called");
        assertThat(clerk.get("/admin/companies/424242/sync").statusCode()).isEqualTo(404);
    }

    @Test
    void createsListsAndRevokesApiTokens() throws Exception {
        HttpResponse<String> r = admin.post("/admin/tokens", "name", "reporting <script>");
        assertThat(r.statusCode()).isEqualTo(200);
        String token = r.body().replaceAll("(?s).*id=\"new-secret\">([^<]+)<.*", "$1");
        assertThat(token).startsWith("lbt_");
        assertThat(r.body()).contains("reporting &lt;script&gt;");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest api = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(fx.baseUrl() + "/api/v1/companies")).header("Authorization", "Bearer " + token).build();
        assertThat(http.send(api, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(admin.page("/admin/tokens")).contains("reporting &lt;script&gt;", "Active").doesNotContain(token);
        long id = fx.server.app().tokens.list().stream().filter(t -> t.name().equals("reporting <script>"))
                .findFirst().orElseThrow().id();
        assertThat(admin.post("/admin/tokens/" + id + "/revoke").statusCode()).isEqualTo(303);
        assertThat(http.send(api, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        assertThat(admin.post("/admin/tokens", "name", "").statusCode()).isEqualTo(400);
    }

    @Test
    void addsResetsAndDisablesStaffLogins() {
        HttpResponse<String> r = admin.post("/admin/staff", "username", "temp-clerk", "role", "staff");
        assertThat(r.statusCode()).isEqualTo(200);
        String password = r.body().replaceAll("(?s).*id=\"new-secret\">([^<]+)<.*", "$1");
        AdminClient temp = new AdminClient(fx.baseUrl()).signedIn("temp-clerk", password);
        assertThat(temp.get("/admin/staff").statusCode()).as("staff cannot manage logins").isEqualTo(403);
        long id = fx.server.app().staff.list().stream().filter(u -> u.username().equals("temp-clerk")).findFirst()
                .orElseThrow().id();

        admin.post("/admin/staff/" + id + "/enabled", "enabled", "false");
        assertThat(temp.get(fx.customersPath()).statusCode()).as("a disabled login is signed out").isEqualTo(303);
        assertThat(new AdminClient(fx.baseUrl()).login("temp-clerk", password).statusCode()).isEqualTo(401);
        admin.post("/admin/staff/" + id + "/enabled", "enabled", "true");
        String reset = admin.post("/admin/staff/" + id + "/password").body()
                .replaceAll("(?s).*id=\"new-secret\">([^<]+)<.*", "$1");
        assertThat(new AdminClient(fx.baseUrl()).login("temp-clerk", reset).statusCode()).isEqualTo(303);
        assertThat(admin.post("/admin/staff", "username", "temp-clerk", "role", "staff").statusCode()).isEqualTo(400);
        assertThat(admin.page("/admin/staff")).contains("temp-clerk", "boss", "(you)");
        assertThat(admin.get("/admin/logins/99999999999999999999999/qwc").statusCode()).isEqualTo(404);
    }

    @Test
    void servesTheStylesheetAndScript() {
        HttpResponse<String> css = clerk.get("/admin/static/admin.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/css");
        assertThat(clerk.get("/admin/static/admin.js").statusCode()).isEqualTo(200);
        assertThat(clerk.get("/admin/static/../layout.vm").statusCode()).isEqualTo(404);
    }
}
