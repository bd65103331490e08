package dev.ledgerbridge.qbwc;

import static dev.ledgerbridge.qbwc.Soap.call;
import static dev.ledgerbridge.qbwc.Soap.params;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The SOAP endpoint over real HTTP, with envelopes shaped like the real Web Connector's. */
class QbwcSoapTest {
    static RunningServer server;
    static URI endpoint;

    @BeforeAll
    static void start() {
        server = new RunningServer(TestDb.freshConfig());
        server.app().companies.addLogin("acme", "Acme Corp", "correct horse battery");
        endpoint = server.endpoint();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void servesTheWsdlWithEveryOperation() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/qbwc?wsdl")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        for (String op : List.of("serverVersion", "clientVersion", "authenticate", "sendRequestXML",
                "receiveResponseXML", "connectionError", "getLastError", "closeConnection", "getInteractiveURL",
                "interactiveDone", "interactiveRejected")) {
            assertThat(r.body()).contains("name=\"" + op + "\"");
        }
        assertThat(r.body()).contains("http://developer.intuit.com/").contains("strCompanyFileName");
    }

    @Test
    void answersServerVersionSentAsAnEmptyElement() throws Exception {
        Soap.Reply r = call(endpoint, "serverVersion", params());
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/xml");
        assertThat(r.result("serverVersionResult")).startsWith("Ledgerbridge");
    }

    @Test
    void acceptsCurrentWebConnectorsAndTellsOldOnesToUpgrade() throws Exception {
        assertThat(call(endpoint, "clientVersion", params("strVersion", "2.3.0.215")).result("clientVersionResult"))
                .isEmpty();
        assertThat(call(endpoint, "clientVersion", params("strVersion", "2.0.0.1")).result("clientVersionResult"))
                .isEqualTo("O:2.1.0.0");
    }

    @Test
    void returnsNvuForWrongPasswordWithEverySlotQualified() throws Exception {
        Soap.Reply r = call(endpoint, "authenticate", params("strUserName", "acme", "strPassword", "wrong password"));
        assertThat(r.fault()).isFalse();
        assertThat(r.strings()).hasSize(4);
        assertThat(r.strings().get(1)).isEqualTo("nvu");
        assertThat(r.unqualifiedStrings()).isZero();
    }

    @Test
    void returnsNvuForUnknownUser() throws Exception {
        Soap.Reply r = call(endpoint, "authenticate", params("strUserName", "nobody", "strPassword", "whatever it is"));
        assertThat(r.strings().get(1)).isEqualTo("nvu");
    }

    @Test
    void returnsATicketAndEmptySlotsAsElementsForAGoodLogin() throws Exception {
        Soap.Reply r = call(endpoint, "authenticate", params("strUserName", "acme", "strPassword",
                "correct horse battery"));
        List<String> slots = r.strings();
        assertThat(slots).hasSize(4);
        assertThat(slots.get(0)).matches("[0-9a-f-]{36}");
        assertThat(slots.get(1)).isEmpty();
        Element result = Soap.first(r.doc(), Soap.NS, "authenticateResult");
        assertThat(result.getElementsByTagNameNS(Soap.NS, "string").getLength()).isEqualTo(4);
        assertThat(r.body()).doesNotContain("nil=\"true\"");
        String close = call(endpoint, "closeConnection", params("ticket", slots.get(0))).result("closeConnectionResult");
        assertThat(close).isEqualTo("OK");
        // a closed ticket is useless: no request, and getLastError says the session has ended
        Soap.Reply after = call(endpoint, "sendRequestXML", params("ticket", slots.get(0), "strHCPResponse", "",
                "strCompanyFileName", "", "qbXMLCountry", "US", "qbXMLMajorVers", "13", "qbXMLMinorVers", "0"));
        assertThat(after.result("sendRequestXMLResult")).isEmpty();
        assertThat(call(endpoint, "getLastError", params("ticket", slots.get(0))).result("getLastErrorResult"))
                .contains("session has ended");
    }

    @Test
    void anUnknownTicketGetsAnEmptyRequestAndAPlainMessageNotAFault() throws Exception {
        Soap.Reply send = call(endpoint, "sendRequestXML", params("ticket", "00000000-0000-0000-0000-000000000000",
                "strHCPResponse", "", "strCompanyFileName", "C:\\x.QBW", "qbXMLCountry", "US", "qbXMLMajorVers", "13",
                "qbXMLMinorVers", "0"));
        assertThat(send.fault()).isFalse();
        assertThat(send.result("sendRequestXMLResult")).isEmpty();
        String err = call(endpoint, "getLastError", params("ticket", "00000000-0000-0000-0000-000000000000"))
                .result("getLastErrorResult");
        assertThat(err).contains("session");
        Soap.Reply recv = call(endpoint, "receiveResponseXML", params("ticket", "nope", "response", "", "hresult", "",
                "message", ""));
        assertThat(recv.result("receiveResponseXMLResult")).isEqualTo("-1");
    }

    @Test
    void connectionErrorIsRecordedAndAnsweredDone() throws Exception {
        String ticket = call(endpoint, "authenticate", params("strUserName", "acme", "strPassword",
                "correct horse battery")).strings().get(0);
        String r = call(endpoint, "connectionError", params("ticket", ticket, "hresult", "0x80040408", "message",
                "Could not start QuickBooks.")).result("connectionErrorResult");
        assertThat(r).isEqualTo("done");
        String err = call(endpoint, "getLastError", params("ticket", ticket)).result("getLastErrorResult");
        assertThat(err).contains("QuickBooks could not be started");
    }
}
