package dev.ledgerbridge.simulate;

import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the Web Connector and a QuickBooks company file against a running server through its SOAP endpoint: builds
 * the {@link CompanyFile}, runs {@code runs} Web Connector runs with a day of {@link OfficeWork} between them, and
 * prints progress and, per run and in all, the records QuickBooks returned, the SOAP calls and the time (the
 * server's share apart). Knows the server only through the Web Connector protocol.
 *
 * <p>A company already bound to another company file refuses the simulated one (the server checks every run's
 * file); unless forced, the simulator stops there with that file's name rather than mixing simulated records into
 * a real company's. Forced, it presents itself under that file's name.
 */
public final class Simulator {

    /** Exit codes, as the other commands use them. */
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int FAILED = 3;

    /** What to simulate and where. */
    public record Options(URI endpoint, String username, String password, int customers, int invoices, int runs,
                          long seed, boolean force, String homeCurrency, String otherCurrency) {

        /** A company file without multicurrency. */
        public Options(URI endpoint, String username, String password, int customers, int invoices, int runs,
                       long seed, boolean force) {
            this(endpoint, username, password, customers, invoices, runs, seed, force, null, null);
        }

        public Options {
            if ((homeCurrency == null) != (otherCurrency == null) || homeCurrency != null
                    && (!homeCurrency.matches("[A-Z]{3}") || !otherCurrency.matches("[A-Z]{3}")
                    || homeCurrency.equals(otherCurrency))) {
                throw new IllegalArgumentException("--multicurrency takes two different ISO codes, e.g. CAD,USD");
            }
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (customers < 1) {
                throw new IllegalArgumentException("--customers must be at least 1");
            }
            if (invoices < 0) {
                throw new IllegalArgumentException("--invoices must not be negative");
            }
            if (runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1");
            }
        }
    }

    /**
     * NOTE: the server's words when the login's company is bound to another file (qbwc's file check): the bound
     * file's name is read from them.
     */
    private static final Pattern BOUND_ELSEWHERE = Pattern.compile(
            "belongs to the QuickBooks company '(.*)', but QuickBooks has", Pattern.DOTALL);

    private final Options options;
    private final PrintStream out;
    private final Clock clock;
    private final WebConnectorClient.Sleeper sleeper;

    public Simulator(Options options, PrintStream out) {
        this(options, out, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    /** With the clock the company runs on and what pauses the runs after a NoOp (tests pass their own). */
    public Simulator(Options options, PrintStream out, Clock clock, WebConnectorClient.Sleeper sleeper) {
        this.options = options;
        this.out = out;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Runs the simulation; returns {@link #OK}, {@link #REFUSED} (login or company file refused) or {@link #FAILED}. */
    public int run() {
        long built = System.nanoTime();
        SimulatedQuickBooks qb = CompanyFile.generate(options.customers(), options.invoices(), options.seed(), clock,
                options.homeCurrency(), options.otherCurrency());
        return run(qb, System.nanoTime() - built);
    }

    /** Plays {@code qb}, made in {@code buildNanos}, as the company file. */
    int run(SimulatedQuickBooks qb, long buildNanos) {
        out.printf(Locale.US, "Simulated company file '%s': %,d customers, %,d invoices, %,d payments (seed %d),"
                        + " made in %.1f s.%n", qb.companyName(), qb.customerIds().size(), qb.invoiceIds().size(),
                qb.payments().size(), options.seed(), seconds(buildNanos));
        WebConnectorClient client = new WebConnectorClient(options.endpoint()).setSleeper(sleeper)
                .setRecordExchanges(false);
        Totals totals = new Totals();
        for (int run = 1; run <= options.runs(); run++) {
            if (run > 1) {
                OfficeWork.Done work = OfficeWork.day(qb, options.seed() * 1_000 + run);
                out.println("Office work in QuickBooks before run " + run + ": " + work + ".");
            }
            out.printf(Locale.US, "Run %d of %d: %s as '%s'%n", run, options.runs(), options.endpoint(),
                    options.username());
            int status = oneRun(client, qb, run, totals);
            if (status != OK) {
                return status;
            }
        }
        out.printf(Locale.US, "Done: %d runs in %.1f s (the server %.1f s, QuickBooks %.1f s); %,d SOAP calls;"
                        + " QuickBooks returned %,d records.%n", options.runs(), seconds(totals.wallNanos),
                seconds(totals.serverNanos), seconds(totals.quickBooksNanos), totals.soapCalls, totals.records);
        return OK;
    }

    private int oneRun(WebConnectorClient client, SimulatedQuickBooks qb, int run, Totals totals) {
        Map<String, Long> before = qb.recordsReturned();
        long started = System.nanoTime();
        int[] shown = {0};
        client.setProgress((exchanges, percent) -> {
            if (percent / 10 > shown[0] / 10 && percent < 100) {
                shown[0] = percent;
                out.printf(Locale.US, "  %3d%%  %,d records from QuickBooks in %.0f s%n", percent,
                        returned(before, qb.recordsReturned()), seconds(System.nanoTime() - started));
            }
        });
        CycleResult result;
        try {
            result = client.runCycle(qb, options.username(), options.password());
            String refusedFile = refusedFor(result);
            if (refusedFile != null && options.force()) {
                out.println("  The login's company syncs the QuickBooks file '" + refusedFile + "'; --force: the"
                        + " simulated company takes that name.");
                qb.setCompanyName(refusedFile);
                qb.setFileId(null);
                result = client.runCycle(qb, options.username(), options.password());
            }
        } catch (QbwcClientError e) {
            out.println("error: the Web Connector run failed at " + e.operation() + ": " + e.detail());
            if (e.detail().startsWith(WebConnectorClient.UNREACHABLE)) {
                out.println("Is the server running at " + options.endpoint() + "? (--url sets where)");
            }
            return FAILED;
        }
        long wall = System.nanoTime() - started;
        Map<String, Long> after = qb.recordsReturned();
        totals.add(result, wall, returned(before, after));
        return report(result, run, wall, before, after);
    }

    private int report(CycleResult result, int run, long wall, Map<String, Long> before, Map<String, Long> after) {
        switch (result.outcome()) {
            case COMPLETED -> {
                out.printf(Locale.US, "  run %d: completed in %.1f s (the server %.1f s, QuickBooks %.1f s); %,d SOAP"
                                + " calls; QuickBooks returned %,d records (%s)%n", run, seconds(wall),
                        seconds(result.serverNanos()), seconds(result.quickBooksNanos()), result.soapCalls(),
                        returned(before, after), breakdown(before, after));
                result.closeConnectionResult().ifPresent(s -> out.println("  the Web Connector shows: " + s));
                return OK;
            }
            case INVALID_USER -> {
                out.println("error: the server refused the login '" + options.username() + "': wrong username or"
                        + " password, or the login is disabled or locked for a while.");
                return REFUSED;
            }
            default -> {
                String error = result.lastErrors().isEmpty() ? result.outcome().toString()
                        : result.lastErrors().get(result.lastErrors().size() - 1);
                String bound = refusedFor(result);
                if (bound != null) {
                    out.println("error: the login '" + options.username() + "' syncs the QuickBooks company file '"
                            + bound + "'. simulate does not put simulated records into a company that syncs a real"
                            + " file: create a login for the simulation (user add --username demo --company Demo"
                            + " --password-stdin), or run again with --force to add them to '" + bound + "' anyway.");
                    return REFUSED;
                }
                out.println("error: run " + run + " ended without completing (" + result.outcome() + "): " + error);
                return FAILED;
            }
        }
    }

    /** The name of the file the server's company is bound to, when it refused the run for that; else null. */
    private static String refusedFor(CycleResult result) {
        if (result.outcome() != CycleResult.Outcome.ERROR || result.exchangeCount() > 0) {
            return null;
        }
        for (String error : result.lastErrors()) {
            Matcher m = error == null ? null : BOUND_ELSEWHERE.matcher(error);
            if (m != null && m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static long returned(Map<String, Long> before, Map<String, Long> after) {
        long n = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            n += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return n;
    }

    /** "customers 1,000, invoices 5,000, …" from the counts by Ret element. */
    private static String breakdown(Map<String, Long> before, Map<String, Long> after) {
        Map<String, String> words = Map.of("CustomerRet", "customers", "CustomerRet by ID", "customers read again by ID",
                "InvoiceRet", "invoices", "InvoiceRet by ID", "invoices read again by ID", "ReceivePaymentRet",
                "payments", "ReceivePaymentRet by ID", "payments read again by ID", "ListDeletedRet",
                "deleted customers", "TxnDeletedRet", "deleted transactions");
        StringBuilder b = new StringBuilder();
        Map<String, Long> delta = new HashMap<>();
        after.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0L)));
        for (String key : new String[] {"CustomerRet", "CustomerRet by ID", "InvoiceRet", "InvoiceRet by ID",
            "ReceivePaymentRet", "ReceivePaymentRet by ID", "ListDeletedRet", "TxnDeletedRet"}) {
            long n = delta.getOrDefault(key, 0L);
            if (n > 0) {
                b.append(b.length() == 0 ? "" : ", ").append(words.get(key)).append(' ')
                        .append(String.format(Locale.US, "%,d", n));
            }
        }
        return b.length() == 0 ? "none" : b.toString();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static final class Totals {
        long wallNanos;
        long serverNanos;
        long quickBooksNanos;
        long soapCalls;
        long records;

        void add(CycleResult r, long wall, long returned) {
            wallNanos += wall;
            serverNanos += r.serverNanos();
            quickBooksNanos += r.quickBooksNanos();
            soapCalls += r.soapCalls();
            records += returned;
        }
    }
}
