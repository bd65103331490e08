package dev.ledgerbridge.sync;

import static dev.ledgerbridge.sync.SyncChecks.assertCompleted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.TestCompanies;
import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.testkit.AlternatingProxy;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.FakeWebConnector;
import dev.ledgerbridge.testkit.GaleraCluster;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What one Web Connector session costs the database of a Galera cluster, for sizing (docs/scale-out.md): companies
 * are synced once, then each gets rounds of a quarter hour's office work and a session through the alternating load
 * balancer of {@link GaleraClusterEndToEndTest}. Before and after the measured sessions the status counters of every
 * node (statements, commits, write-sets and their bytes) and the CPU time of every node's server process and of this
 * JVM (both instances, the fake Web Connector and the fake QuickBooks) and of the instances' request threads are read; the differences per session are
 * printed. {@code mvn -B verify -Pbench -Dtest=GaleraSessionCostBenchmark}.
 */
@Tag("bench")
class GaleraSessionCostBenchmark {
    static final int COMPANIES = Integer.getInteger("ledgerbridge.bench.companies", 4);
    static final int ROUNDS = Integer.getInteger("ledgerbridge.bench.rounds", 5);
    /** A quarter hour of a busy small office: edits, new records and payments. */
    static final CompanyChurn.Volume QUARTER_HOUR = new CompanyChurn.Volume(8, 2, 20, 6, 5);

    @BeforeAll
    static void start() throws Exception {
        GaleraClusterEndToEndTest.start();
    }

    @AfterAll
    static void stop() {
        GaleraClusterEndToEndTest.stop();
    }

    record Counters(long statements, long commits, long writeSets, long bytes, long nodeCpuMs, long jvmCpuMs,
                    long serverCpuMs, long nanos) {
        Counters minus(Counters o) {
            return new Counters(statements - o.statements, commits - o.commits, writeSets - o.writeSets,
                    bytes - o.bytes, nodeCpuMs - o.nodeCpuMs, jvmCpuMs - o.jvmCpuMs, serverCpuMs - o.serverCpuMs,
                    nanos - o.nanos);
        }
    }

    /** CPU time of the threads that serve HTTP requests in the two instances (Jetty's pools, "qtp..."). */
    static long serverThreadsCpuMs() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("qtp")) {
                nanos += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
            }
        }
        return nanos / 1_000_000;
    }

    static Counters read() throws Exception {
        GaleraCluster c = GaleraClusterEndToEndTest.cluster;
        long statements = 0;
        long commits = 0;
        long writeSets = 0;
        long bytes = 0;
        long cpu = 0;
        for (int i = 0; i < 3; i++) {
            try (Connection conn = DriverManager.getConnection(c.url(i, "mysql")); Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS WHERE Variable_name IN ('Questions', 'Com_commit',"
                         + " 'wsrep_replicated', 'wsrep_replicated_bytes')")) {
                while (rs.next()) {
                    long v = rs.getLong(2);
                    switch (rs.getString(1).toLowerCase(Locale.ROOT)) {
                        case "questions" -> statements += v;
                        case "com_commit" -> commits += v;
                        case "wsrep_replicated" -> writeSets += v;
                        default -> bytes += v;
                    }
                }
            }
            cpu += c.cpu(i).toMillis();
        }
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
        return new Counters(statements, commits, writeSets, bytes, cpu, jvm, serverThreadsCpuMs(), System.nanoTime());
    }

    @Test
    void costOfOneQuarterHourSession() throws Exception {
        List<QbwcLogin> logins = new ArrayList<>();
        List<FakeQuickBooks> books = new ArrayList<>();
        List<CompanyChurn> offices = new ArrayList<>();
        for (int i = 0; i < COMPANIES; i++) {
            QbwcLogin login = GaleraClusterEndToEndTest.a.app().companies.addLogin("bench" + i, "Bench " + i,
                    GaleraClusterEndToEndTest.PASSWORD);
            FakeQuickBooks qb = TestCompanies.quickBooks(login, "Bench " + i);
            qb.generateCustomers(400, 100 + i);
            qb.generateInvoices(1200, 200 + i);
            qb.generatePayments(200, 300 + i);
            logins.add(login);
            books.add(qb);
            offices.add(new CompanyChurn(qb, 400 + i));
        }
        try (AlternatingProxy balancer = new AlternatingProxy(List.of(
                GaleraClusterEndToEndTest.a.endpoint().resolve("/"),
                GaleraClusterEndToEndTest.b.endpoint().resolve("/")))) {
            FakeWebConnector wc = new FakeWebConnector(balancer.uri("/qbwc"));
            Counters beforeFirst = read();
            int firstCalls = balancer.calls();
            for (int i = 0; i < COMPANIES; i++) {
                assertCompleted(wc.runCycle(books.get(i), logins.get(i).username(), GaleraClusterEndToEndTest.PASSWORD));
            }
            print("first sync (400 customers, 1,200 invoices, 200 payments)", read().minus(beforeFirst), COMPANIES,
                    balancer.calls() - firstCalls);
            Counters before = read();
            int calls = balancer.calls();
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < COMPANIES; i++) {
                    books.get(i).advance(Duration.ofMinutes(15));
                    offices.get(i).apply(QUARTER_HOUR);
                    CycleResult r = wc.runCycle(books.get(i), logins.get(i).username(),
                            GaleraClusterEndToEndTest.PASSWORD);
                    assertCompleted(r);
                }
            }
            Counters d = read().minus(before);
            print("quarter-hour session (" + QUARTER_HOUR + ")", d, COMPANIES * ROUNDS, balancer.calls() - calls);
            assertThat(d.writeSets()).isPositive();
        }
    }

    private static void print(String what, Counters d, int sessions, int calls) {
        System.out.printf(Locale.ROOT, "GALERA SESSION COST %s: %d sessions; per session: %.1f SOAP calls, %.0f ms wall,"
                        + " %.0f SQL statements, %.0f commits, %.0f write-sets, %.0f bytes replicated,"
                        + " %.0f ms CPU of the three nodes, %.0f ms CPU of the instances' request threads,"
                        + " %.0f ms CPU of the whole JVM (instances and fakes)%n",
                what, sessions, calls / (double) sessions, d.nanos() / 1e6 / sessions, d.statements() / (double) sessions,
                d.commits() / (double) sessions, d.writeSets() / (double) sessions, d.bytes() / (double) sessions,
                d.nodeCpuMs() / (double) sessions, d.serverCpuMs() / (double) sessions,
                d.jvmCpuMs() / (double) sessions);
    }
}
