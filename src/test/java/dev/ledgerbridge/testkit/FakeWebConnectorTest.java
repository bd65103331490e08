package dev.ledgerbridge.testkit;

import static dev.ledgerbridge.testkit.ScriptedSoapServer.arrayResult;
import static dev.ledgerbridge.testkit.ScriptedSoapServer.envelope;
import static dev.ledgerbridge.testkit.ScriptedSoapServer.intResult;
import static dev.ledgerbridge.testkit.ScriptedSoapServer.stringResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.ledgerbridge.testkit.ScriptedSoapServer.Received;
import dev.ledgerbridge.testkit.ScriptedSoapServer.Reply;

class FakeWebConnectorTest {

    private static final String CUSTOMER_QUERY = "<?xml version=\"1.0\" encoding=\"utf-8\"?><?qbxml version=\"13.0\"?>"
            + "<QBXML><QBXMLMsgsRq onError=\"stopOnError\"><CustomerQueryRq requestID=\"1\"><ActiveStatus>All</ActiveStatus>"
            + "</CustomerQueryRq></QBXMLMsgsRq></QBXML>";

    private ScriptedSoapServer server;
    private FakeWebConnector wc;
    private FakeQuickBooks qb;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        server = new ScriptedSoapServer();
        wc = new FakeWebConnector(server.url()).setSleeper(sleeps::add);
        qb = new FakeQuickBooks("Scripted & Co");
        qb.addCustomer("Zoë <One>");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void authenticateWith(String... slots) {
        server.on("authenticate", r -> Reply.ok(arrayResult("authenticate", slots)));
    }

    /** sendRequestXML hands out the given requests, then "". */
    private void requests(String... qbxml) {
        for (String q : qbxml) {
            server.queueBody("sendRequestXML", stringResult("sendRequestXML", q));
        }
    }

    @Nested
    class Wire {

        @Test
        void aRunSendsQbwcShapedCallsInQbwcOrder() {
            authenticateWith("tk-1", "");
            requests(CUSTOMER_QUERY);

            CycleResult result = wc.runCycle(qb, "user", "secret & <pw>");

            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
            assertThat(server.operations()).containsExactly("serverVersion", "clientVersion", "authenticate",
                    "sendRequestXML", "receiveResponseXML", "closeConnection");
            assertThat(result.operations()).isEqualTo(server.operations());
            for (Received r : server.received()) {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.header("Content-Type")).isEqualTo("text/xml; charset=utf-8");
                assertThat(r.header("SOAPAction")).isEqualTo("\"http://developer.intuit.com/" + r.operation() + "\"");
                assertThat(r.header("User-Agent")).isEqualTo(
                        "Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 2.0.50727.8825)");
                assertThat(r.paramNamespaces().values()).allMatch("http://developer.intuit.com/"::equals);
            }
            assertThat(server.received("serverVersion").get(0).body()).isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                    + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                    + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">"
                    + "<soap:Body><serverVersion xmlns=\"http://developer.intuit.com/\" /></soap:Body></soap:Envelope>");
            assertThat(server.received("clientVersion").get(0).param("strVersion")).isEqualTo("2.3.0.215");
            assertThat(server.received("authenticate").get(0).params()).containsExactly(
                    java.util.Map.entry("strUserName", "user"), java.util.Map.entry("strPassword", "secret & <pw>"));

            Received send = server.received("sendRequestXML").get(0);
            assertThat(send.params().keySet()).containsExactly("ticket", "strHCPResponse", "strCompanyFileName",
                    "qbXMLCountry", "qbXMLMajorVers", "qbXMLMinorVers");
            assertThat(send.param("ticket")).isEqualTo("tk-1");
            assertThat(send.param("strHCPResponse")).isEqualTo(qb.hcpResponse());
            assertThat(send.body()).contains("&lt;?xml version=\"1.0\" ?&gt;&lt;QBXML&gt;");
            assertThat(send.param("strCompanyFileName"))
                    .isEqualTo("C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Scripted & Co.QBW");
            assertThat(send.param("qbXMLCountry")).isEqualTo("US");
            assertThat(send.param("qbXMLMajorVers")).isEqualTo("13");
            assertThat(send.param("qbXMLMinorVers")).isEqualTo("0");

            Received receive = server.received("receiveResponseXML").get(0);
            assertThat(receive.params().keySet()).containsExactly("ticket", "response", "hresult", "message");
            assertThat(receive.param("response")).contains("<Name>Zoë &lt;One&gt;</Name>")
                    .isEqualTo(result.responses().get(0));
            assertThat(receive.body()).contains("<hresult />", "<message />");
            assertThat(result.requests()).containsExactly(CUSTOMER_QUERY);
            assertThat(result.closeConnectionResult()).contains("OK");
            assertThat(result.percentages()).containsExactly(100);
        }

        @Test
        void callPostsARawQbwcCallAndReadsTheReply() {
            server.on("getLastError", r -> Reply.ok(stringResult("getLastError", "for " + r.param("ticket"))));
            SoapReply reply = wc.call("getLastError", "ticket", "abc");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.header("content-type")).contains("text/xml; charset=utf-8");
            assertThat(reply.resultText()).isEqualTo("for abc");
            assertThat(reply.requestEnvelope()).contains("<getLastError xmlns=\"http://developer.intuit.com/\">"
                    + "<ticket>abc</ticket></getLastError>");

            authenticateWith("t", "", "", "60");
            assertThat(wc.call("authenticate", "strUserName", "u", "strPassword", "p").resultArray())
                    .containsExactly("t", "", "", "60");
            server.queueBody("receiveResponseXML", intResult("receiveResponseXML", 42));
            assertThat(wc.call("receiveResponseXML", "ticket", "t", "response", "", "hresult", "", "message", "")
                    .resultInt()).isEqualTo(42);
        }
    }

    @Nested
    class Authenticate {

        @Test
        void rejectsStringItemsThatAreNotInTheIntuitNamespace() {
            server.on("authenticate", r -> Reply.ok(envelope("<ns1:authenticateResponse xmlns:ns1=\"http://developer.intuit.com/\">"
                    + "<ns1:authenticateResult><string>tk</string><string></string></ns1:authenticateResult>"
                    + "</ns1:authenticateResponse>")));

            assertThatThrownBy(() -> wc.runCycle(qb, "u", "p")).isInstanceOfSatisfying(QbwcClientError.class, e -> {
                assertThat(e.code()).isEqualTo("QBWC1012");
                assertThat(e.getMessage()).contains("Index was outside the bounds of the array");
                assertThat(e.partialResult().orElseThrow().outcome()).isEqualTo(CycleResult.Outcome.CLIENT_ERROR);
            });
            assertThat(server.operations()).doesNotContain("sendRequestXML");
        }

        @Test
        void rejectsWcfArrayNamespaceItems() {
            server.on("authenticate", r -> Reply.ok(envelope("<authenticateResponse xmlns=\"http://developer.intuit.com/\">"
                    + "<authenticateResult xmlns:a=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\">"
                    + "<a:string>tk</a:string><a:string>nvu</a:string></authenticateResult></authenticateResponse>")));
            assertThatThrownBy(() -> wc.runCycle(qb, "u", "p")).isInstanceOf(QbwcClientError.class)
                    .hasMessageContaining("QBWC1012");
        }

        @Test
        void acceptsPrefixedReplies() {
            server.on("authenticate", r -> Reply.ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<SOAP-ENV:Envelope "
                    + "xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"http://developer.intuit.com/\">"
                    + "<SOAP-ENV:Body><ns1:authenticateResponse><ns1:authenticateResult><ns1:string>tk-p</ns1:string>"
                    + "<ns1:string></ns1:string></ns1:authenticateResult></ns1:authenticateResponse></SOAP-ENV:Body>"
                    + "</SOAP-ENV:Envelope>\n"));
            requests(CUSTOMER_QUERY);

            CycleResult result = wc.runCycle(qb, "u", "p");

            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
            assertThat(result.ticket()).isEqualTo("tk-p");
            assertThat(server.received("closeConnection").get(0).param("ticket")).isEqualTo("tk-p");
        }

        @Test
        void acceptsDefaultNamespaceReplies() {
            authenticateWith("tk-d", "");
            requests(CUSTOMER_QUERY);
            assertThat(wc.runCycle(qb, "u", "p").outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
        }

        @Test
        void readsSlotsByPosition() {
            authenticateWith("tk", "", "", "300");
            requests(CUSTOMER_QUERY);

            CycleResult result = wc.runCycle(qb, "u", "p");

            assertThat(result.authSlots()).containsExactly("tk", "", "", "300");
            assertThat(result.authStatus()).isEmpty();
            assertThat(result.postponeSeconds()).contains("");
            assertThat(result.minimumRunEverySeconds()).contains("300");
            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
        }

        @Test
        void aCompanyPathInSlotOneIsTheFileToOpen() {
            authenticateWith("tk", "D:\\Books\\Other.QBW");
            requests(CUSTOMER_QUERY);
            CycleResult result = wc.runCycle(qb, "u", "p");
            assertThat(server.received("sendRequestXML").get(0).param("strCompanyFileName")).isEqualTo("D:\\Books\\Other.QBW");
            assertThat(result.companyFile()).isEqualTo("D:\\Books\\Other.QBW");
        }

        @Test
        void noneNvuAndBusyStopTheRunWhateverTheirCase() {
            authenticateWith("tk", "NONE");
            assertThat(wc.runCycle(qb, "u", "p").outcome()).isEqualTo(CycleResult.Outcome.NO_WORK);
            authenticateWith("tk", "nvu");
            assertThat(wc.runCycle(qb, "u", "p").outcome()).isEqualTo(CycleResult.Outcome.INVALID_USER);
            authenticateWith("tk", "Busy", "60");
            CycleResult busy = wc.runCycle(qb, "u", "p");
            assertThat(busy.outcome()).isEqualTo(CycleResult.Outcome.BUSY);
            assertThat(busy.postponeSeconds()).contains("60");
            assertThat(server.operations()).doesNotContain("sendRequestXML", "closeConnection");
        }

        @Test
        void aSingleItemArrayIsIndexOutOfRange() {
            authenticateWith("tk");
            assertThatThrownBy(() -> wc.runCycle(qb, "u", "p")).isInstanceOf(QbwcClientError.class)
                    .hasMessageContaining("QBWC1012");
        }
    }

    @Nested
    class Versions {

        @Test
        void clientVersionWarningGoesOnAndErrorOrOlderStops() {
            server.on("clientVersion", r -> Reply.ok(stringResult("clientVersion", "W:please upgrade")));
            authenticateWith("tk", "none");
            CycleResult warned = wc.runCycle(qb, "u", "p");
            assertThat(warned.outcome()).isEqualTo(CycleResult.Outcome.NO_WORK);
            assertThat(warned.warnings()).anyMatch(w -> w.contains("please upgrade"));

            server.on("clientVersion", r -> Reply.ok(stringResult("clientVersion", "O:2.3.0.300")));
            CycleResult older = wc.runCycle(qb, "u", "p");
            assertThat(older.outcome()).isEqualTo(CycleResult.Outcome.VERSION_REJECTED);
            assertThat(older.operations()).containsExactly("serverVersion", "clientVersion");

            server.on("clientVersion", r -> Reply.ok(stringResult("clientVersion", "E:no")));
            assertThat(wc.runCycle(qb, "u", "p").outcome()).isEqualTo(CycleResult.Outcome.VERSION_REJECTED);

            server.on("clientVersion", r -> Reply.ok(stringResult("clientVersion", "whatever")));
            assertThatThrownBy(() -> wc.runCycle(qb, "u", "p")).isInstanceOf(QbwcClientError.class)
                    .hasMessageContaining("QBWC1046");
        }

        @Test
        void aBrokenServerVersionIsLoggedAndTheRunGoesOn() {
            server.on("serverVersion", r -> new Reply(500, "text/plain", "oops".getBytes(StandardCharsets.UTF_8)));
            authenticateWith("tk", "none");
            CycleResult result = wc.runCycle(qb, "u", "p");
            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.NO_WORK);
            assertThat(result.serverVersion()).isNull();
            assertThat(result.warnings()).anyMatch(w -> w.contains("HTTP 500"));
        }
    }

    @Nested
    class Loop {

        @Test
        void noOpPausesAndCallsSendRequestXmlAgain() {
            authenticateWith("tk", "");
            server.queueBody("sendRequestXML", stringResult("sendRequestXML", ""));
            server.queueBody("getLastError", stringResult("getLastError", "NoOp"));
            requests(CUSTOMER_QUERY);

            CycleResult result = wc.runCycle(qb, "u", "p");

            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
            assertThat(server.operations()).containsExactly("serverVersion", "clientVersion", "authenticate",
                    "sendRequestXML", "getLastError", "sendRequestXML", "receiveResponseXML", "closeConnection");
            assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
            assertThat(result.noOpCount()).isEqualTo(1);
            List<Received> sends = server.received("sendRequestXML");
            assertThat(sends.get(0).param("strHCPResponse")).isNotEmpty();
            assertThat(sends.get(1).param("strHCPResponse")).isEmpty();
        }

        @Test
        void endlessNoOpsFailTheRun() {
            authenticateWith("tk", "");
            server.on("getLastError", r -> Reply.ok(stringResult("getLastError", "NoOp")));
            wc.setNoOpLimit(3);
            assertThatThrownBy(() -> wc.runCycle(qb, "u", "p")).isInstanceOfSatisfying(QbwcClientError.class,
                    e -> assertThat(e.code()).isEqualTo("FAKEWC-NOOP"));
            assertThat(sleeps).hasSize(3);
        }

        @Test
        void anErrorTextFromGetLastErrorIsShownThenTheConnectionClosed() {
            authenticateWith("tk", "");
            server.queueBody("getLastError", stringResult("getLastError", "Nothing to do & that's bad"));
            CycleResult result = wc.runCycle(qb, "u", "p");
            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.ERROR);
            assertThat(result.lastErrors()).containsExactly("Nothing to do & that's bad");
            assertThat(server.operations()).endsWith("sendRequestXML", "getLastError", "closeConnection");
        }

        @Test
        void interactiveModeStopsTheRun() {
            authenticateWith("tk", "");
            server.queueBody("getLastError", stringResult("getLastError", "Interactive mode"));
            assertThat(wc.runCycle(qb, "u", "p").outcome()).isEqualTo(CycleResult.Outcome.INTERACTIVE_MODE);
            assertThat(server.operations()).doesNotContain("closeConnection");
        }

        @Test
        void aNegativeReceiveResultCallsGetLastErrorThenCloseConnection() {
            authenticateWith("tk", "");
            requests(CUSTOMER_QUERY, CUSTOMER_QUERY);
            server.queueBody("receiveResponseXML", intResult("receiveResponseXML", 50),
                    intResult("receiveResponseXML", -101));
            server.queueBody("getLastError", stringResult("getLastError", "The server gave up"));

            CycleResult result = wc.runCycle(qb, "u", "p");

            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.ERROR);
            assertThat(result.percentages()).containsExactly(50, -101);
            assertThat(result.lastErrors()).containsExactly("The server gave up");
            assertThat(server.operations()).endsWith("sendRequestXML", "receiveResponseXML", "sendRequestXML",
                    "receiveResponseXML", "getLastError", "closeConnection");
            assertThat(qb.openIterators()).isZero();
        }

        @Test
        void aParseErrorFromQuickBooksReachesTheServerAsHresultAndMessage() {
            authenticateWith("tk", "");
            requests("<QBXML><QBXMLMsgsRq onError=\"stopOnError\"><CustomerQueryRq/></QBXMLMsgsRq></QBXML>");

            CycleResult result = wc.runCycle(qb, "u", "p");

            Received receive = server.received("receiveResponseXML").get(0);
            assertThat(receive.param("response")).isEmpty();
            assertThat(receive.param("hresult")).isEqualTo("0x80040400");
            assertThat(receive.param("message"))
                    .isEqualTo("QuickBooks found an error when parsing the provided XML text stream.");
            assertThat(result.exchanges().get(0).parseErrorDetail()).contains("qbxml");
        }

        @Test
        void aRunawayServerIsStopped() {
            authenticateWith("tk", "");
            server.on("sendRequestXML", r -> Reply.ok(stringResult("sendRequestXML", CUSTOMER_QUERY)));
            server.on("receiveResponseXML", r -> Reply.ok(intResult("receiveResponseXML", 1)));
            wc.setExchangeLimit(20);
            assertThatThrownBy(() -> wc.runCycle(qb, "u", "p")).isInstanceOfSatisfying(QbwcClientError.class, e -> {
                assertThat(e.code()).isEqualTo("FAKEWC-LOOP");
                assertThat(e.partialResult().orElseThrow().exchangeCount()).isEqualTo(20);
            });
        }

        @Test
        void theQuickBooksSessionIsEndedWhateverHappens() {
            authenticateWith("tk", "");
            server.on("sendRequestXML", r -> Reply.ok(stringResult("sendRequestXML",
                    CUSTOMER_QUERY.replace("<CustomerQueryRq requestID=\"1\">",
                            "<CustomerQueryRq requestID=\"1\" iterator=\"Start\"><MaxReturned>1</MaxReturned>")
                            .replace("<ActiveStatus>All</ActiveStatus>", ""))));
            qb.addCustomer("Two");
            server.on("receiveResponseXML", r -> new Reply(500, "text/xml", ScriptedSoapServer.fault("boom")
                    .getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> wc.runCycle(qb, "u", "p")).isInstanceOf(QbwcClientError.class);
            assertThat(qb.openIterators()).isZero();
        }
    }

    @Nested
    class BrokenReplies {

        @BeforeEach
        void authenticated() {
            authenticateWith("tk", "");
            server.on("sendRequestXML", r -> Reply.ok(stringResult("sendRequestXML", CUSTOMER_QUERY)));
        }

        private QbwcClientError receiveFails(Reply reply) {
            server.queue("receiveResponseXML", reply);
            try {
                wc.runCycle(qb, "u", "p");
            } catch (QbwcClientError e) {
                assertThat(e.operation()).isEqualTo("receiveResponseXML");
                assertThat(e.code()).isEqualTo("QBWC1042");
                return e;
            }
            throw new AssertionError("the run should have failed");
        }

        private static Reply xml(String body) {
            return new Reply(200, "text/xml; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void bytesAfterTheEnvelope() {
            assertThat(receiveFails(xml(intResult("receiveResponseXML", 100) + "\nWarning: debug output")).getMessage())
                    .contains("not well-formed");
        }

        @Test
        void bytesBeforeTheEnvelope() {
            assertThat(receiveFails(xml("\n" + intResult("receiveResponseXML", 100))).getMessage()).contains("before");
            assertThat(receiveFails(xml(intResult("receiveResponseXML", 100).replace("?><soap:Envelope",
                    "?><!-- hi --><soap:Envelope"))).getMessage()).contains("before the envelope");
        }

        @Test
        void aByteOrderMark() {
            byte[] body = intResult("receiveResponseXML", 100).getBytes(StandardCharsets.UTF_8);
            byte[] withBom = new byte[body.length + 3];
            withBom[0] = (byte) 0xEF;
            withBom[1] = (byte) 0xBB;
            withBom[2] = (byte) 0xBF;
            System.arraycopy(body, 0, withBom, 3, body.length);
            assertThat(receiveFails(new Reply(200, "text/xml; charset=utf-8", withBom)).getMessage())
                    .contains("byte order mark");
        }

        @Test
        void trailingWhitespaceAndNoDeclarationAreFine() {
            server.queue("receiveResponseXML", xml(intResult("receiveResponseXML", 100)
                    .replace("<?xml version=\"1.0\" encoding=\"utf-8\"?>", "") + "\r\n  "));
            assertThat(wc.runCycle(qb, "u", "p").outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
        }

        @Test
        void aSoapFaultOrAnHttpError() {
            assertThat(receiveFails(new Reply(500, "text/xml; charset=utf-8",
                    ScriptedSoapServer.fault("NullPointerException").getBytes(StandardCharsets.UTF_8))).getMessage())
                    .contains("HTTP 500", "NullPointerException");
            assertThat(receiveFails(xml(ScriptedSoapServer.fault("soft fault"))).getMessage()).contains("SOAP Fault");
        }

        @Test
        void notXmlOrTheWrongContentType() {
            assertThat(receiveFails(xml("<html>oops")).getMessage()).contains("not well-formed");
            assertThat(receiveFails(new Reply(200, "text/html", intResult("receiveResponseXML", 100)
                    .getBytes(StandardCharsets.UTF_8))).getMessage()).contains("content type of 'text/html'");
        }

        @Test
        void aMissingOrMisnamedResult() {
            assertThat(receiveFails(xml(envelope("<receiveResponseXMLResponse xmlns=\"http://developer.intuit.com/\"/>")))
                    .getMessage()).contains("no {http://developer.intuit.com/}receiveResponseXMLResult");
            assertThat(receiveFails(xml(envelope("<receiveResponseXMLResponse xmlns=\"http://developer.intuit.com/\">"
                    + "<receiveResponseXMLResult xmlns=\"\">100</receiveResponseXMLResult></receiveResponseXMLResponse>")))
                    .getMessage()).contains("receiveResponseXMLResult");
            assertThat(receiveFails(xml(envelope("<receiveResponseXMLResponse xmlns=\"http://localhost/\">"
                    + "<receiveResponseXMLResult>100</receiveResponseXMLResult></receiveResponseXMLResponse>")))
                    .getMessage()).contains("expected {http://developer.intuit.com/}receiveResponseXMLResponse");
            assertThat(receiveFails(xml(stringResult("receiveResponseXML", "done"))).getMessage()).contains("not an int");
        }

        @Test
        void aSoap12Envelope() {
            assertThat(receiveFails(xml("<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body>"
                    + "<receiveResponseXMLResponse xmlns=\"http://developer.intuit.com/\"><receiveResponseXMLResult>100"
                    + "</receiveResponseXMLResult></receiveResponseXMLResponse></env:Body></env:Envelope>")).getMessage())
                    .contains("SOAP 1.2");
        }
    }

    @Nested
    class InjectedFaults {

        @Test
        void connectionErrorAnsweredDoneClosesTheConnection() {
            authenticateWith("tk", "");
            CycleResult result = wc.runCycle(qb, "u", "p",
                    Faults.none().connectionErrorAtStart("0x80040408", "Could not start QuickBooks."));
            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.CONNECTION_ERROR_DONE);
            assertThat(server.operations()).endsWith("authenticate", "connectionError", "closeConnection");
            Received ce = server.received("connectionError").get(0);
            assertThat(ce.params()).containsExactly(java.util.Map.entry("ticket", "tk"),
                    java.util.Map.entry("hresult", "0x80040408"), java.util.Map.entry("message", "Could not start QuickBooks."));
        }

        @Test
        void connectionErrorAnsweredWithAPathRetries() {
            authenticateWith("tk", "");
            server.on("connectionError", r -> Reply.ok(stringResult("connectionError", "E:\\retry.QBW")));
            requests(CUSTOMER_QUERY);
            CycleResult result = wc.runCycle(qb, "u", "p",
                    Faults.none().connectionErrorAtStart("0x80040408", "Could not start QuickBooks."));
            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
            assertThat(server.operations()).containsSubsequence("connectionError", "sendRequestXML", "closeConnection");
            assertThat(server.received("sendRequestXML").get(0).param("strCompanyFileName")).isEqualTo("E:\\retry.QBW");
        }

        @Test
        void aLostResponseMeansQuickBooksChangedButTheServerNeverHeard() {
            QbCustomer c = qb.addCustomer("Lost");
            String mod = "<?xml version=\"1.0\"?><?qbxml version=\"13.0\"?><QBXML><QBXMLMsgsRq onError=\"stopOnError\">"
                    + "<CustomerModRq><CustomerMod><ListID>" + c.listId() + "</ListID><EditSequence>" + c.editSequence()
                    + "</EditSequence><Email>lost@example.com</Email></CustomerMod></CustomerModRq></QBXMLMsgsRq></QBXML>";
            authenticateWith("tk", "");
            requests(mod);

            CycleResult result = wc.runCycle(qb, "u", "p", Faults.none().loseResponseAfter(1));

            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.RESPONSE_LOST);
            assertThat(server.operations()).doesNotContain("receiveResponseXML", "closeConnection");
            assertThat(qb.customer(c.listId()).orElseThrow().email()).isEqualTo("lost@example.com");
            assertThat(result.exchanges().get(0).receiveResult()).isNull();
        }

        @Test
        void hresultOnRequestSkipsQuickBooks() {
            authenticateWith("tk", "");
            requests(CUSTOMER_QUERY, CUSTOMER_QUERY);
            server.queueBody("receiveResponseXML", intResult("receiveResponseXML", 50));
            CycleResult result = wc.runCycle(qb, "u", "p",
                    Faults.none().hresultOnRequest(2, "0x80040401", "Could not access QuickBooks."));
            List<Received> receives = server.received("receiveResponseXML");
            assertThat(receives.get(0).param("response")).contains("CustomerQueryRs");
            assertThat(receives.get(1).param("response")).isEmpty();
            assertThat(receives.get(1).param("hresult")).isEqualTo("0x80040401");
            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
        }

        @Test
        void stopAfterAbandonsTheRunAndHooksRunBetweenExchanges() {
            authenticateWith("tk", "");
            server.on("sendRequestXML", r -> Reply.ok(stringResult("sendRequestXML", CUSTOMER_QUERY)));
            server.on("receiveResponseXML", r -> Reply.ok(intResult("receiveResponseXML", 10)));
            AtomicInteger hookRuns = new AtomicInteger();
            List<Integer> sendsBeforeHook = new ArrayList<>();

            CycleResult result = wc.runCycle(qb, "u", "p", Faults.none().stopAfter(3).onExchange(2, () -> {
                hookRuns.incrementAndGet();
                sendsBeforeHook.add(server.received("sendRequestXML").size());
            }));

            assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.ABANDONED);
            assertThat(result.exchangeCount()).isEqualTo(3);
            assertThat(hookRuns).hasValue(1);
            assertThat(sendsBeforeHook).containsExactly(2);
            assertThat(server.operations()).doesNotContain("closeConnection");
        }
    }
}
