package dev.ledgerbridge.testkit;

import static dev.ledgerbridge.testkit.QbxmlTestSupport.xpath;
import static dev.ledgerbridge.testkit.QbxmlTestSupport.xpathAll;
import static dev.ledgerbridge.testkit.ScriptedSoapServer.arrayResult;
import static dev.ledgerbridge.testkit.ScriptedSoapServer.intResult;
import static dev.ledgerbridge.testkit.ScriptedSoapServer.stringResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ledgerbridge.testkit.ScriptedSoapServer.Reply;

/**
 * The two fakes together, with a minimal sync server written inside the test: it pages all customers with an
 * iterator, one page per exchange, the way the real server will.
 */
class KitEndToEndTest {

    private ScriptedSoapServer server;
    private FakeQuickBooks qb;
    private FakeWebConnector wc;
    private final Set<String> pulled = new LinkedHashSet<>();
    private String iteratorId;
    private String lastError = "";

    @BeforeEach
    void setUp() throws IOException {
        qb = new FakeQuickBooks("End & End");
        qb.generateCustomers(230, 5);
        server = new ScriptedSoapServer();
        server.on("authenticate", r -> Reply.ok(arrayResult("authenticate", "tk", "")));
        server.on("sendRequestXML", r -> {
            String attrs = iteratorId == null ? "iterator=\"Start\"" : "iterator=\"Continue\" iteratorID=\"" + iteratorId + "\"";
            return Reply.ok(stringResult("sendRequestXML", "<?xml version=\"1.0\" encoding=\"utf-8\"?><?qbxml version=\"13.0\"?>"
                    + "<QBXML><QBXMLMsgsRq onError=\"stopOnError\"><CustomerQueryRq requestID=\"c\" " + attrs + ">"
                    + "<MaxReturned>50</MaxReturned><ActiveStatus>All</ActiveStatus></CustomerQueryRq></QBXMLMsgsRq></QBXML>"));
        });
        server.on("receiveResponseXML", r -> {
            String response = r.param("response");
            if (response.isEmpty()) {
                lastError = "QuickBooks: " + r.param("message");
                return Reply.ok(intResult("receiveResponseXML", -1));
            }
            String code = xpath(response, "//CustomerQueryRs/@statusCode");
            if (!code.equals("0") && !code.equals("1")) {
                lastError = code + ": " + xpath(response, "//CustomerQueryRs/@statusMessage");
                iteratorId = null;
                return Reply.ok(intResult("receiveResponseXML", -1));
            }
            pulled.addAll(xpathAll(response, "//CustomerRet/ListID"));
            int remaining = Integer.parseInt(xpath(response, "//CustomerQueryRs/@iteratorRemainingCount"));
            iteratorId = remaining == 0 ? null : xpath(response, "//CustomerQueryRs/@iteratorID");
            int done = pulled.size();
            return Reply.ok(intResult("receiveResponseXML", remaining == 0 ? 100 : done * 100 / (done + remaining)));
        });
        server.on("getLastError", r -> Reply.ok(stringResult("getLastError", lastError)));
        wc = new FakeWebConnector(server.url());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aRunPullsEveryCustomerPageByPage() {
        CycleResult result = wc.runCycle(qb, "u", "p");

        assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
        assertThat(result.exchangeCount()).isEqualTo(5);
        assertThat(result.percentages()).containsExactly(21, 43, 65, 86, 100);
        assertThat(pulled).containsExactlyInAnyOrderElementsOf(qb.customers().stream().map(QbCustomer::listId).toList());
    }

    @Test
    void expiredIteratorsEndTheRunWith3391AndTheNextRunStartsOver() {
        CycleResult broken = wc.runCycle(qb, "u", "p", Faults.none().expireIteratorsAfter(2));

        assertThat(broken.outcome()).isEqualTo(CycleResult.Outcome.ERROR);
        assertThat(broken.lastErrors()).singleElement().asString().startsWith("3391: The iteratorID");
        assertThat(pulled).hasSize(100);

        assertThat(wc.runCycle(qb, "u", "p").outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
        assertThat(pulled).hasSize(230);
    }

    @Test
    void anIteratorKeptAcrossRunsIsInvalid() {
        wc.runCycle(qb, "u", "p", Faults.none().stopAfter(1));
        assertThat(iteratorId).isNotNull();

        CycleResult next = wc.runCycle(qb, "u", "p");

        assertThat(next.outcome()).isEqualTo(CycleResult.Outcome.ERROR);
        assertThat(next.lastErrors()).singleElement().asString().startsWith("3391");
    }

    @Test
    void changesMadeBetweenExchangesShowInLaterPages() {
        String last = qb.customers().get(qb.customers().size() - 1).listId();
        CycleResult result = wc.runCycle(qb, "u", "p", Faults.none().onExchange(1,
                () -> qb.editCustomer(last, c -> c.notes("edited mid-run"))));
        assertThat(result.outcome()).isEqualTo(CycleResult.Outcome.COMPLETED);
        assertThat(result.responses().get(4)).contains("<Notes>edited mid-run</Notes>");
    }
}
