package dev.ledgerbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.customer.CustomerQuery;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.qbxml.QbxmlResponseReader;
import dev.ledgerbridge.qbxml.RsStatus;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.SoapReply;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The customer sync through real SOAP over HTTP, measured: customers per second, the server's time split into
 * qbXML parsing and the rest (database, SOAP), and peak heap. Run with {@code mvn -B test -Pbench}, which gives
 * the JVM -Xmx256m: the server and this driver share that heap, and the company is generated page by page so
 * it does not weigh on it. Results go to target/bench-results.txt.
 */
@Tag("bench")
class SyncBenchmark {

    @Test
    void syncs20000Customers() throws Exception {
        report(sync(20_000, 500));
    }

    @Test
    void syncs200000CustomersInTheSameHeap() throws Exception {
        report(sync(200_000, 500));
    }

    @Test
    void takesOne20MegabyteResponse() throws Exception {
        Result r = sync(30_000, 100_000);
        assertThat(r.largestResponse).isGreaterThan(20_000_000);
        report(r);
    }

    /**
     * 20,000 customers and 100,000 invoices (three lines each, a group in one invoice of five) end to end, and the
     * floor: the same qbXML bytes parsed and written by the stores in the same transactions, with no SOAP and no
     * planner. The server's time should stay within twice the floor.
     */
    @Test
    void syncs20000CustomersAnd100000InvoicesNearTheFloor() throws Exception {
        Result r = sync(20_000, 100_000, 500);
        report(r);
        long floor = floor(20_000, 100_000, 500);
        String line = String.format(Locale.ROOT, "floor (StAX parse + JDBC batch upsert of the same pages, no SOAP,"
                + " no planner): %.1f s; server time / floor = %.2f%n", floor / 1e9, r.serverNanos / (double) floor);
        System.out.print(line);
        Files.writeString(Path.of(System.getProperty("ledgerbridge.target.dir", "target"), "bench-results.txt"), line,
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Parses and stores every customer and invoice page straight into a fresh database; returns the nanoseconds. */
    private long floor(int customers, int invoices, int maxReturned) throws Exception {
        try (RunningServer server = new RunningServer(TestDb.freshConfig())) {
            QbwcLogin login = server.app().companies.addLogin("floor", "Floor Co", "benchmark password");
            SyntheticCompany qb = new SyntheticCompany(customers, invoices, "Floor Co", QbwcService.OWNER_ID,
                    login.fileId());
            long total = 0;
            for (String query : new String[] {"CustomerQueryRq", "InvoiceQueryRq"}) {
                String iterator = "Start";
                while (true) {
                    String response = qb.process("<" + query + " requestID=\"1\" iterator=\"" + iterator
                            + "\"><MaxReturned>" + maxReturned + "</MaxReturned>");
                    iterator = "Continue";
                    long t0 = System.nanoTime();
                    int[] remaining = {0};
                    try (SqlSession s = server.app().db.batchSession()) {
                        java.util.List<Customer> cs = new java.util.ArrayList<>();
                        java.util.List<dev.ledgerbridge.invoice.Invoice> is = new java.util.ArrayList<>();
                        new QbxmlResponseReader().read(new StringReader(response), new QbxmlResponseReader.Handler() {
                            @Override
                            public void onStatus(RsStatus st) {
                                remaining[0] = st.iteratorRemainingCount() == null ? 0 : st.iteratorRemainingCount();
                            }

                            @Override
                            public void onCustomer(Customer c) {
                                cs.add(c);
                                if (cs.size() == 500) {
                                    server.app().customers.upsert(s, login.companyId(), cs, null);
                                    cs.clear();
                                }
                            }

                            @Override
                            public void onInvoice(dev.ledgerbridge.invoice.Invoice i) {
                                is.add(i);
                                if (is.size() == 500) {
                                    server.app().invoices.upsert(s, login.companyId(), is, null);
                                    is.clear();
                                }
                            }
                        });
                        server.app().customers.upsert(s, login.companyId(), cs, null);
                        server.app().invoices.upsert(s, login.companyId(), is, null);
                        s.commit();
                    }
                    total += System.nanoTime() - t0;
                    if (remaining[0] == 0) {
                        break;
                    }
                }
            }
            return total;
        }
    }

    record Result(int customers, int invoices, int maxReturned, long wallNanos, long serverNanos, long parseNanos,
                  long peakHeap, long bytes, long largestResponse) {
    }

    private Result sync(int customers, int maxReturned) throws Exception {
        return sync(customers, 0, maxReturned);
    }

    private Result sync(int customers, int invoices, int maxReturned) throws Exception {
        System.gc();
        HeapSampler heap = new HeapSampler();
        try (RunningServer server = new RunningServer(TestDb.freshConfig(Map.of(Setting.QBWC_MAX_RETURNED,
                Integer.toString(maxReturned))))) {
            QbwcLogin login = server.app().companies.addLogin("bench", "Bench Co", "benchmark password");
            SyntheticCompany qb = new SyntheticCompany(customers, invoices, "Bench Co", QbwcService.OWNER_ID,
                    login.fileId());
            FakeWebConnector wc = new FakeWebConnector(server.endpoint());
            heap.start();
            long wallStart = System.nanoTime();
            long serverNanos = 0;
            long parseNanos = 0;
            long largest = 0;
            String ticket = wc.call("authenticate", "strUserName", "bench", "strPassword", "benchmark password")
                    .resultArray().get(0);
            String hcp = qb.hcpResponse();
            int percent = 0;
            while (percent < 100) {
                long t0 = System.nanoTime();
                String request = wc.call("sendRequestXML", "ticket", ticket, "strHCPResponse", hcp,
                        "strCompanyFileName", "C:\\Bench.QBW", "qbXMLCountry", "US", "qbXMLMajorVers", "13",
                        "qbXMLMinorVers", "0").resultText();
                serverNanos += System.nanoTime() - t0;
                hcp = "";
                assertThat(request).as("the server has a request while percent < 100").isNotEmpty();
                String response = qb.process(request);
                largest = Math.max(largest, response.length());
                parseNanos += parseOnly(response);
                t0 = System.nanoTime();
                SoapReply reply = wc.call("receiveResponseXML", "ticket", ticket, "response", response, "hresult", "",
                        "message", "");
                serverNanos += System.nanoTime() - t0;
                percent = reply.resultInt();
                assertThat(percent).as("receiveResponseXML").isGreaterThanOrEqualTo(0);
            }
            wc.call("closeConnection", "ticket", ticket);
            long wall = System.nanoTime() - wallStart;
            heap.stop();
            try (SqlSession s = server.app().db.session()) {
                long stored = server.app().customers.search(s, login.companyId(), new CustomerQuery(null, CustomerQuery.Sort.NAME,
                        false, "all", 1, 1)).total();
                assertThat(stored).isEqualTo(customers);
                assertThat(server.app().invoices.page(s, login.companyId(), null, 1, 1).total()).isEqualTo(invoices);
            }
            return new Result(customers, invoices, maxReturned, wall, serverNanos, parseNanos, heap.peak(),
                    qb.bytesServed(), largest);
        }
    }

    /** Time to parse the response alone, with a handler that only counts: the parsing share of the server's time. */
    private static long parseOnly(String response) {
        AtomicLong n = new AtomicLong();
        long t0 = System.nanoTime();
        new QbxmlResponseReader().read(new StringReader(response), new QbxmlResponseReader.Handler() {
            @Override
            public void onStatus(RsStatus s) {
            }

            @Override
            public void onCustomer(Customer c) {
                n.incrementAndGet();
            }

            @Override
            public void onInvoice(dev.ledgerbridge.invoice.Invoice i) {
                n.incrementAndGet();
            }
        });
        return System.nanoTime() - t0;
    }

    private static void report(Result r) throws IOException {
        double seconds = r.wallNanos / 1e9;
        String line = String.format(Locale.ROOT,
                "customers=%d invoices=%d maxReturned=%d: %.1f s end to end, %.0f records/s; server %.1f s = %.0f%% of"
                        + " the cycle (qbXML parsing %.1f s, database + SOAP %.1f s); %.1f MB of qbXML, largest response"
                        + " %.1f MB; peak heap %.0f MB of %.0f MB%n",
                r.customers, r.invoices, r.maxReturned, seconds, (r.customers + r.invoices) / seconds,
                r.serverNanos / 1e9, 100.0 * r.serverNanos / r.wallNanos, r.parseNanos / 1e9,
                (r.serverNanos - r.parseNanos) / 1e9, r.bytes / 1e6, r.largestResponse / 1e6, r.peakHeap / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        System.out.print(line);
        Path out = Path.of(System.getProperty("ledgerbridge.target.dir", "target"), "bench-results.txt");
        Files.writeString(out, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Samples used heap every 20 ms; the peak is the largest sample. */
    static final class HeapSampler {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private volatile boolean running;
        private volatile long peak;
        private Thread thread;

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak() {
            return peak;
        }
    }

}
