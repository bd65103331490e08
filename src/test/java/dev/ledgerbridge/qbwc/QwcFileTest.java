package dev.ledgerbridge.qbwc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.Company;
import dev.ledgerbridge.company.QbwcLogin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The .qwc file a QuickBooks user adds to the Web Connector (QBWC.md §4). */
class QwcFileTest {
    private static final String GUID = "\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\\}";
    private static final String FILE_ID = "{0B3F1D2C-4A5E-4F60-8A7B-9C0D1E2F3A4B}";
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    private static QbwcLogin login(String username) {
        return new QbwcLogin(7, username, 3, "$2a$04$hash", FILE_ID, true, T);
    }

    private static Company company(String name) {
        return new Company(3, name, null, null, null, null, null, null, null, null, null, T);
    }

    private static String render(String companyName, String baseUrl) {
        return QwcFile.render(login("acme"), company(companyName), baseUrl, "Ledgerbridge", 15);
    }

    private static List<String> childNames(Element e) {
        List<String> names = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                names.add(n.getNodeName());
            }
        }
        return names;
    }

    private static String text(Document d, String element) {
        return d.getElementsByTagName(element).item(0).getTextContent();
    }

    @Test
    void isWellFormedXmlWithExactlyTheElementsTheWebConnectorReads() throws Exception {
        // when
        String qwc = render("Acme Corp", "https://qb.example.com");

        // then
        Document d = Soap.parse(qwc);
        Element root = d.getDocumentElement();
        assertThat(root.getNodeName()).isEqualTo("QBWCXML");
        assertThat(childNames(root)).containsExactly("AppName", "AppID", "AppURL", "AppDescription", "AppSupport",
                "UserName", "OwnerID", "FileID", "QBType", "Scheduler", "IsReadOnly");
        assertThat(text(d, "AppName")).isEqualTo("Ledgerbridge - Acme Corp");
        assertThat(text(d, "AppID")).isEmpty();
        assertThat(text(d, "AppURL")).isEqualTo("https://qb.example.com/qbwc");
        assertThat(text(d, "AppDescription")).isNotBlank();
        assertThat(text(d, "UserName")).isEqualTo("acme");
        assertThat(text(d, "OwnerID")).matches(GUID);
        assertThat(text(d, "FileID")).isEqualTo(FILE_ID).matches(GUID);
        assertThat(text(d, "QBType")).isEqualTo("QBFS");
        Element scheduler = (Element) d.getElementsByTagName("Scheduler").item(0);
        assertThat(childNames(scheduler)).containsExactly("RunEveryNMinutes");
        assertThat(text(d, "RunEveryNMinutes")).isEqualTo("15");
        assertThat(text(d, "IsReadOnly")).isEqualTo("false");
    }

    @Test
    void namesTheSupportPageOnTheSameHost() throws Exception {
        // when
        Document d = Soap.parse(render("Acme Corp", "https://qb.example.com:8443"));

        // then
        URI appUrl = URI.create(text(d, "AppURL"));
        URI support = URI.create(text(d, "AppSupport"));
        assertThat(appUrl.getPath()).endsWith("/qbwc");
        assertThat(support.getScheme()).isEqualTo("https");
        assertThat(support.getAuthority()).isEqualTo("qb.example.com:8443");
        assertThat(support.getPath()).isEqualTo("/support");
    }

    @Test
    void keepsThePathOfABaseUrlBehindAReverseProxyForBothUrls() throws Exception {
        // when
        Document d = Soap.parse(render("Acme Corp", "https://example.com/ledgerbridge/"));

        // then
        assertThat(text(d, "AppURL")).isEqualTo("https://example.com/ledgerbridge/qbwc");
        assertThat(text(d, "AppSupport")).isEqualTo("https://example.com/ledgerbridge/support");
    }

    @Test
    void takesAUrlEndingInQbwcAsTheEndpointItself() throws Exception {
        // when
        Document d = Soap.parse(render("Acme Corp", "https://qb.example.com/qbwc"));

        // then
        assertThat(text(d, "AppURL")).isEqualTo("https://qb.example.com/qbwc");
        assertThat(text(d, "AppSupport")).isEqualTo("https://qb.example.com/support");
    }

    @Test
    void escapesACompanyNameWithMarkupCharacters() throws Exception {
        // given
        String name = "Smith & Sons <\"Best\"> 'Ltd'";

        // when
        String qwc = render(name, "https://qb.example.com");

        // then
        assertThat(qwc).contains("Smith &amp; Sons &lt;").doesNotContain("Smith & Sons");
        assertThat(text(Soap.parse(qwc), "AppName")).isEqualTo("Ledgerbridge - " + name);
    }

    @Test
    void acceptsPlainHttpForLocalhost() {
        // when
        URI endpoint = QwcFile.endpoint("http://localhost:8080");

        // then
        assertThat(endpoint).isEqualTo(URI.create("http://localhost:8080/qbwc"));
    }

    @Test
    void acceptsAHostNameThatStartsWithDigits() {
        // when
        URI endpoint = QwcFile.endpoint("https://365.example.com");

        // then
        assertThat(endpoint).isEqualTo(URI.create("https://365.example.com/qbwc"));
    }

    @Test
    void refusesPlainHttpForAnyOtherHostSayingWhy() {
        assertThatThrownBy(() -> QwcFile.endpoint("http://qb.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("plain http only for localhost")
                .hasMessageContaining("https://qb.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://192.168.1.20", "https://192.168.1.20:8443/", "http://127.0.0.1:8080",
        "https://[2001:db8::1]", "http://[::1]:8080"})
    void refusesAnIpAddressSayingWhy(String url) {
        assertThatThrownBy(() -> QwcFile.endpoint(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refuses IP addresses")
                .hasMessageContaining("host name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://qb.example.com", "qb.example.com", "file:///C:/qb.qwc"})
    void refusesAUrlThatIsNotHttpOrHttpsSayingWhy(String url) {
        assertThatThrownBy(() -> QwcFile.endpoint(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http(s) URL");
    }

    @Test
    void theSupportPageAndEndpointItNamesAnswerOnTheRunningServer() throws Exception {
        // given
        try (RunningServer server = new RunningServer(TestDb.freshConfig())) {
            QbwcLogin login = server.app().companies.addLogin("qwc-e2e", "Acme Corp", "correct horse battery");
            Company company = server.app().companies.company(login.companyId()).orElseThrow();
            Document d = Soap.parse(QwcFile.render(login, company, "https://qb.example.com", "Ledgerbridge", 15));
            assertThat(text(d, "FileID")).isEqualTo(login.fileId()).matches(GUID);

            // when
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> support = http.send(HttpRequest.newBuilder(onServer(server, text(d, "AppSupport")))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wsdl = http.send(HttpRequest.newBuilder(
                    onServer(server, text(d, "AppURL") + "?wsdl")).build(), HttpResponse.BodyHandlers.ofString());

            // then
            assertThat(support.statusCode()).isEqualTo(200);
            assertThat(support.headers().firstValue("Content-Type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("text/html"));
            assertThat(wsdl.statusCode()).isEqualTo(200);
            assertThat(wsdl.body()).contains("QBWebConnectorSvc");
        }
    }

    /** The same path and query on the running test server instead of the public host named in the file. */
    private static URI onServer(RunningServer server, String url) {
        URI u = URI.create(url);
        return URI.create(server.baseUrl() + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
    }
}
