package dev.ledgerbridge.testkit;

import dev.ledgerbridge.simulate.WebConnectorClient;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * The Web Connector of the end-to-end tests: {@link WebConnectorClient} (the client the {@code simulate} command
 * uses) driving a {@link FakeQuickBooks}, with {@link Faults} to inject and the test kit's results and errors.
 * See {@link WebConnectorClient} for what a run does.
 */
public final class FakeWebConnector {

    public static final String INTUIT_NS = WebConnectorClient.INTUIT_NS;
    public static final String SOAP_NS = WebConnectorClient.SOAP_NS;
    public static final String USER_AGENT = WebConnectorClient.USER_AGENT;
    public static final String CLIENT_VERSION = WebConnectorClient.CLIENT_VERSION;
    /** How long QBWC pauses after a NoOp. */
    public static final Duration NOOP_PAUSE = WebConnectorClient.NOOP_PAUSE;

    /** Pauses the run; the default returns at once so tests do not wait five seconds per NoOp. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final WebConnectorClient client;
    private Faults faults = Faults.none();

    public FakeWebConnector(URI appUrl) {
        this(appUrl, null);
    }

    /**
     * A Web Connector that reaches an https AppURL through {@code sslContext} (e.g. one that trusts only the
     * server's certificate, as a QuickBooks PC that imported it does); the host name is verified as .NET does.
     */
    public FakeWebConnector(URI appUrl, SSLContext sslContext) {
        this.client = new WebConnectorClient(appUrl, sslContext);
    }

    public FakeWebConnector(String appUrl) {
        this(URI.create(appUrl));
    }

    public URI appUrl() {
        return client.appUrl();
    }

    public FakeWebConnector setSleeper(Sleeper sleeper) {
        Objects.requireNonNull(sleeper);
        client.setSleeper(sleeper::sleep);
        return this;
    }

    /** Faults for every run that does not pass its own. */
    public FakeWebConnector setFaults(Faults faults) {
        this.faults = Objects.requireNonNull(faults);
        return this;
    }

    /** The strVersion sent to clientVersion (default 2.3.0.215). */
    public FakeWebConnector setClientVersion(String version) {
        client.setClientVersion(version);
        return this;
    }

    /** qbXMLCountry sent with sendRequestXML; by default the company's HostRet country. */
    public FakeWebConnector setCountry(String country) {
        client.setCountry(country);
        return this;
    }

    /** qbXMLMajorVers / qbXMLMinorVers sent with sendRequestXML (default 13 / 0). */
    public FakeWebConnector setQbxmlVersion(int major, int minor) {
        client.setQbxmlVersion(major, minor);
        return this;
    }

    /** How many NoOps in a row a run accepts before failing (default 100). */
    public FakeWebConnector setNoOpLimit(int limit) {
        client.setNoOpLimit(limit);
        return this;
    }

    /** How many qbXML exchanges a run accepts before failing as a runaway (default 100,000). */
    public FakeWebConnector setExchangeLimit(int limit) {
        client.setExchangeLimit(limit);
        return this;
    }

    /** HTTP timeout per call (default 100 s, the .NET client's default). */
    public FakeWebConnector setRequestTimeout(Duration timeout) {
        client.setRequestTimeout(timeout);
        return this;
    }

    /** Whether POSTs carry "Expect: 100-continue" as .NET's HttpWebRequest does by default (default true). */
    public FakeWebConnector setExpectContinue(boolean expectContinue) {
        client.setExpectContinue(expectContinue);
        return this;
    }

    public CycleResult runCycle(FakeQuickBooks qb, String username, String password) {
        return runCycle(qb, username, password, faults);
    }

    /**
     * Performs one scheduled Web Connector run against the server.
     *
     * @throws QbwcClientError where the real client aborts the run (its partial result is attached)
     */
    public CycleResult runCycle(FakeQuickBooks qb, String username, String password, Faults faults) {
        return new CycleResult(translated(() -> client.runCycle(qb.company(), username, password, faults)));
    }

    /** Posts one QBWC-shaped call; params are sent in the map's iteration order (use a LinkedHashMap). */
    public SoapReply call(String operation, Map<String, String> params) {
        return new SoapReply(translated(() -> client.call(operation, params)));
    }

    /** Posts one QBWC-shaped call with params given as name, value, name, value, … */
    public SoapReply call(String operation, String... namesAndValues) {
        return new SoapReply(translated(() -> client.call(operation, namesAndValues)));
    }

    /** Posts an arbitrary body with QBWC's headers and the SOAPAction of {@code operation}. */
    public SoapReply post(String operation, String envelope) {
        return new SoapReply(translated(() -> client.post(operation, envelope)));
    }

    /** See {@link WebConnectorClient#envelope(String, Map)}. */
    public static String envelope(String operation, Map<String, String> params) {
        return WebConnectorClient.envelope(operation, params);
    }

    private static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (dev.ledgerbridge.simulate.QbwcClientError e) {
            throw QbwcClientError.of(e);
        }
    }
}
