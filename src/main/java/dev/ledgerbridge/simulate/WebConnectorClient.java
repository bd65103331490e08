package dev.ledgerbridge.simulate;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Drives a QBWC server over real HTTP the way the QuickBooks Web Connector does (QBWC.md §2.1, §3): SOAP 1.1
 * envelopes shaped like QBWC's, its headers, its call order, and its strictness about replies.
 *
 * <p>A run ({@link #runCycle}) is: serverVersion → clientVersion → authenticate → [connectionError] →
 * sendRequestXML ⇄ receiveResponseXML … → [getLastError] → closeConnection, with the company's QuickBooks session
 * opened ({@link SimulatedQuickBooks#beginSession()}) after authentication and always ended at the end of the run.
 */
public final class WebConnectorClient {

    public static final String INTUIT_NS = SoapReply.INTUIT_NS;
    public static final String SOAP_NS = SoapReply.SOAP_NS;
    public static final String USER_AGENT =
            "Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 2.0.50727.8825)";
    public static final String CLIENT_VERSION = "2.3.0.215";
    /** How the detail of a {@link QbwcClientError} starts when the server could not be reached or did not answer. */
    public static final String UNREACHABLE = "The request was aborted";
    /** How long QBWC pauses after a NoOp. */
    public static final Duration NOOP_PAUSE = Duration.ofSeconds(5);

    /** Pauses the run; the default returns at once so tests do not wait five seconds per NoOp. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Told after every receiveResponseXML of a run: the exchanges so far and the percent the server answered. */
    @FunctionalInterface
    public interface Progress {
        void update(int exchanges, int percent);
    }

    private final URI appUrl;
    private Sleeper sleeper = d -> { };
    private Disruptions disruptions = Disruptions.NONE;
    private Progress progress = (n, percent) -> { };
    private boolean recordExchanges = true;
    private String clientVersion = CLIENT_VERSION;
    private String country;
    private int qbxmlMajorVers = 13;
    private int qbxmlMinorVers = 0;
    private int noOpLimit = 100;
    private int exchangeLimit = 100_000;
    private Duration requestTimeout = Duration.ofSeconds(100);
    private boolean expectContinue = true;
    private final HttpClient sharedClient;
    private final CookieManager runCookies = new CookieManager();
    private final HttpClient runClient;

    public WebConnectorClient(URI appUrl) {
        this(appUrl, null);
    }

    /**
     * A Web Connector that reaches an https AppURL through {@code sslContext} (e.g. one that trusts only the
     * server's certificate, as a QuickBooks PC that imported it does); the host name is verified as .NET does.
     */
    public WebConnectorClient(URI appUrl, SSLContext sslContext) {
        this.appUrl = Objects.requireNonNull(appUrl);
        this.sharedClient = newClient(null, sslContext);
        this.runClient = newClient(runCookies, sslContext);
    }

    public WebConnectorClient(String appUrl) {
        this(URI.create(appUrl));
    }

    public URI appUrl() {
        return appUrl;
    }

    public WebConnectorClient setSleeper(Sleeper sleeper) {
        this.sleeper = Objects.requireNonNull(sleeper);
        return this;
    }

    /** Disruptions for every run that does not pass its own. */
    public WebConnectorClient setDisruptions(Disruptions disruptions) {
        this.disruptions = Objects.requireNonNull(disruptions);
        return this;
    }

    public WebConnectorClient setProgress(Progress progress) {
        this.progress = Objects.requireNonNull(progress);
        return this;
    }

    /**
     * Whether a run's result keeps every qbXML request and response ({@link CycleResult#exchanges()}; default
     * true). A long run of a large company keeps only their count.
     */
    public WebConnectorClient setRecordExchanges(boolean record) {
        this.recordExchanges = record;
        return this;
    }

    /** The strVersion sent to clientVersion (default 2.3.0.215). */
    public WebConnectorClient setClientVersion(String version) {
        this.clientVersion = version;
        return this;
    }

    /** qbXMLCountry sent with sendRequestXML; by default the company's HostRet country. */
    public WebConnectorClient setCountry(String country) {
        this.country = country;
        return this;
    }

    /** qbXMLMajorVers / qbXMLMinorVers sent with sendRequestXML (default 13 / 0). */
    public WebConnectorClient setQbxmlVersion(int major, int minor) {
        this.qbxmlMajorVers = major;
        this.qbxmlMinorVers = minor;
        return this;
    }

    /** How many NoOps in a row a run accepts before failing (default 100). */
    public WebConnectorClient setNoOpLimit(int limit) {
        this.noOpLimit = limit;
        return this;
    }

    /** How many qbXML exchanges a run accepts before failing as a runaway (default 100,000). */
    public WebConnectorClient setExchangeLimit(int limit) {
        this.exchangeLimit = limit;
        return this;
    }

    /** HTTP timeout per call (default 100 s, the .NET client's default). */
    public WebConnectorClient setRequestTimeout(Duration timeout) {
        this.requestTimeout = Objects.requireNonNull(timeout);
        return this;
    }

    /** Whether POSTs carry "Expect: 100-continue" as .NET's HttpWebRequest does by default (default true). */
    public WebConnectorClient setExpectContinue(boolean expectContinue) {
        this.expectContinue = expectContinue;
        return this;
    }

    // =====================================================================================================
    // a scheduled run
    // =====================================================================================================

    public CycleResult runCycle(SimulatedQuickBooks qb, String username, String password) {
        return runCycle(qb, username, password, disruptions);
    }

    /**
     * Performs one scheduled Web Connector run against the server.
     *
     * @throws QbwcClientError where the real client aborts the run (its partial result is attached)
     */
    public CycleResult runCycle(SimulatedQuickBooks qb, String username, String password, Disruptions faults) {
        runCookies.getCookieStore().removeAll();
        Run run = new Run(qb, faults, runClient);
        try {
            return run.build(run.go(username, password));
        } catch (QbwcClientError e) {
            throw e.withPartialResult(run.build(CycleResult.Outcome.CLIENT_ERROR));
        }
    }

    private final class Run {
        final SimulatedQuickBooks qb;
        final Disruptions faults;
        final HttpClient client;
        final CycleResult.Builder r = new CycleResult.Builder();
        String ticket;

        Run(SimulatedQuickBooks qb, Disruptions faults, HttpClient client) {
            this.qb = qb;
            this.faults = faults;
            this.client = client;
        }

        CycleResult build(CycleResult.Outcome outcome) {
            return r.build(outcome);
        }

        /**
         * One SOAP call of the run, timed: what the server took, as the Web Connector waits for it (from the moment
         * the request goes out, its envelope written, to the last byte of the reply).
         */
        private SoapReply send(HttpClient c, String operation, Map<String, String> params) {
            String envelope = envelope(operation, params);
            long t0 = System.nanoTime();
            try {
                return post(c, operation, envelope);
            } finally {
                r.serverNanos += System.nanoTime() - t0;
                r.soapCalls++;
            }
        }

        /** Ends the company's QuickBooks session whatever happens, as the end of a QBWC run does. */
        CycleResult.Outcome go(String username, String password) {
            try {
                return steps(username, password);
            } finally {
                qb.endSession();
            }
        }

        private CycleResult.Outcome steps(String username, String password) {
            try {
                String sv = send(client, "serverVersion", Map.of()).resultText();
                r.serverVersion = sv;
                r.call("serverVersion", sv);
            } catch (QbwcClientError e) {
                r.warnings.add("serverVersion: " + e.getMessage());
                r.call("serverVersion", "failed: " + e.getMessage());
            }

            String cv = send(client, "clientVersion", params("strVersion", clientVersion)).resultText();
            r.clientVersionReply = cv;
            r.call("clientVersion", cv);
            if (cv != null && !cv.isEmpty()) {
                if (cv.startsWith("W:")) {
                    r.warnings.add("clientVersion warning: " + cv.substring(2));
                } else if (cv.startsWith("E:") || cv.startsWith("O:")) {
                    return CycleResult.Outcome.VERSION_REJECTED;
                } else {
                    throw new QbwcClientError("QBWC1046", "clientVersion",
                            "Application sent incorrect syntax return value for clientVersion(): '" + cv + "'");
                }
            }

            List<String> slots = send(client, "authenticate", params("strUserName", username, "strPassword", password))
                    .resultArray();
            r.authSlots = slots;
            r.call("authenticate", slots.toString());
            if (slots.size() < 2) {
                throw new QbwcClientError("QBWC1012", "authenticate", "Index was outside the bounds of the array: "
                        + "authenticateResult has " + slots.size() + " {" + INTUIT_NS + "}string item(s), QBWC reads two");
            }
            ticket = slots.get(0);
            String status = slots.get(1);
            if (ticket == null || status == null) {
                throw new QbwcClientError("QBWC1012", "authenticate",
                        "Object reference not set to an instance of an object: authRet[" + (ticket == null ? 0 : 1)
                                + "] is xsi:nil");
            }
            switch (status.toLowerCase(Locale.ROOT)) {
                case "nvu":
                    return CycleResult.Outcome.INVALID_USER;
                case "none":
                    return CycleResult.Outcome.NO_WORK;
                case "busy":
                    return CycleResult.Outcome.BUSY;
                default:
                    break;
            }
            String companyFile = status.isEmpty() ? qb.companyFilePath() : status;

            for (int i = 0; i < faults.connectionErrors(); i++) {
                String reply = send(client, "connectionError", params("ticket", ticket, "hresult",
                        faults.connectionHresult(), "message", faults.connectionMessage())).resultText();
                r.call("connectionError", reply);
                if ("done".equalsIgnoreCase(reply)) {
                    closeConnection();
                    return CycleResult.Outcome.CONNECTION_ERROR_DONE;
                }
                if (reply != null && !reply.isEmpty()) {
                    companyFile = reply;
                }
            }
            r.companyFile = companyFile;

            qb.beginSession();
            return exchanges(companyFile);
        }

        private CycleResult.Outcome exchanges(String companyFile) {
            boolean first = true;
            int noOps = 0;
            int n = 0;
            String qbCountry = country != null ? country : qb.country();
            while (true) {
                String hcp = first ? qb.hcpResponse() : "";
                first = false;
                String request = send(client, "sendRequestXML", params("ticket", ticket, "strHCPResponse", hcp,
                        "strCompanyFileName", companyFile, "qbXMLCountry", qbCountry,
                        "qbXMLMajorVers", Integer.toString(qbxmlMajorVers), "qbXMLMinorVers",
                        Integer.toString(qbxmlMinorVers))).resultText();
                r.call("sendRequestXML", abbreviate(request));
                if (request == null || request.isEmpty()) {
                    String error = getLastError();
                    if ("NoOp".equals(error)) {
                        if (++noOps > noOpLimit) {
                            throw new QbwcClientError("FAKEWC-NOOP", "sendRequestXML", "the server answered NoOp "
                                    + noOps + " times in a row (limit " + noOpLimit + ")");
                        }
                        r.noOps++;
                        pause();
                        continue;
                    }
                    if ("Interactive mode".equals(error)) {
                        return CycleResult.Outcome.INTERACTIVE_MODE;
                    }
                    closeConnection();
                    return CycleResult.Outcome.ERROR;
                }
                noOps = 0;
                if (++n > exchangeLimit) {
                    throw new QbwcClientError("FAKEWC-LOOP", "sendRequestXML", "runaway server: more than "
                            + exchangeLimit + " qbXML requests in one run");
                }
                String response = "";
                String hresult = "";
                String message = "";
                String detail = null;
                String[] injected = faults.hresultAt(n);
                if (injected != null) {
                    hresult = injected[0];
                    message = injected[1];
                } else {
                    long t0 = System.nanoTime();
                    try {
                        response = qb.process(request);
                    } catch (QuickBooksParseError e) {
                        hresult = e.hresult();
                        message = e.getMessage();
                        detail = e.detail();
                    } finally {
                        r.quickBooksNanos += System.nanoTime() - t0;
                    }
                }
                if (faults.losesResponseAt(n)) {
                    exchanged(new CycleResult.Exchange(n, request, response, hresult, message, detail, null));
                    return CycleResult.Outcome.RESPONSE_LOST;
                }
                int result = send(client, "receiveResponseXML", params("ticket", ticket, "response", response,
                        "hresult", hresult, "message", message)).resultInt();
                r.call("receiveResponseXML", Integer.toString(result));
                r.percentages.add(result);
                exchanged(new CycleResult.Exchange(n, request, response, hresult, message, detail, result));
                progress.update(n, result);
                if (faults.expiresIteratorsAt(n)) {
                    qb.expireIterators();
                }
                for (Runnable action : faults.actionsAt(n)) {
                    action.run();
                }
                if (result < 0) {
                    getLastError();
                    closeConnection();
                    return CycleResult.Outcome.ERROR;
                }
                if (result >= 100) {
                    closeConnection();
                    return CycleResult.Outcome.COMPLETED;
                }
                if (faults.stopsAt(n)) {
                    return CycleResult.Outcome.ABANDONED;
                }
            }
        }

        private void exchanged(CycleResult.Exchange exchange) {
            r.exchangeCount++;
            if (recordExchanges) {
                r.exchanges.add(exchange);
            }
        }

        private String getLastError() {
            String error = send(client, "getLastError", params("ticket", ticket)).resultText();
            r.lastErrors.add(error);
            r.call("getLastError", error);
            return error;
        }

        private void closeConnection() {
            String result = send(client, "closeConnection", params("ticket", ticket)).resultText();
            r.closeConnectionResult = result;
            r.call("closeConnection", result);
        }

        private void pause() {
            try {
                sleeper.sleep(NOOP_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QbwcClientError("FAKEWC-INTERRUPTED", "sendRequestXML", "interrupted while pausing after NoOp");
            }
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return null;
        }
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 120 ? one : one.substring(0, 117) + "...";
    }

    // =====================================================================================================
    // raw calls
    // =====================================================================================================

    /** Posts one QBWC-shaped call; params are sent in the map's iteration order (use a LinkedHashMap). */
    public SoapReply call(String operation, Map<String, String> params) {
        return send(sharedClient, operation, params);
    }

    /** Posts one QBWC-shaped call with params given as name, value, name, value, … */
    public SoapReply call(String operation, String... namesAndValues) {
        return send(sharedClient, operation, params(namesAndValues));
    }

    /** Posts an arbitrary body with QBWC's headers and the SOAPAction of {@code operation}. */
    public SoapReply post(String operation, String envelope) {
        return post(sharedClient, operation, envelope);
    }

    /**
     * The envelope QBWC sends for a call: SOAP 1.1 with prefix {@code soap}, the operation element in the default
     * namespace http://developer.intuit.com/, each non-null param as a child in order ("" as an empty element,
     * values escaped as text), and an empty operation element when there are no params.
     */
    public static String envelope(String operation, Map<String, String> params) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
                .append("<soap:Envelope xmlns:soap=\"").append(SOAP_NS)
                .append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soap:Body>")
                .append('<').append(operation).append(" xmlns=\"").append(INTUIT_NS).append('"');
        if (params.isEmpty()) {
            b.append(" />");
        } else {
            b.append('>');
            for (Map.Entry<String, String> p : params.entrySet()) {
                if (p.getValue() == null) {
                    continue;
                }
                if (p.getValue().isEmpty()) {
                    b.append('<').append(p.getKey()).append(" />");
                } else {
                    b.append('<').append(p.getKey()).append('>').append(Xml.escapeText(p.getValue()))
                            .append("</").append(p.getKey()).append('>');
                }
            }
            b.append("</").append(operation).append('>');
        }
        return b.append("</soap:Body></soap:Envelope>").toString();
    }

    static Map<String, String> params(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("params come in name, value pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    private SoapReply send(HttpClient client, String operation, Map<String, String> params) {
        return post(client, operation, envelope(operation, params));
    }

    private SoapReply post(HttpClient client, String operation, String envelope) {
        HttpRequest request = HttpRequest.newBuilder(appUrl)
                .timeout(requestTimeout)
                .expectContinue(expectContinue)
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", "\"" + INTUIT_NS + operation + "\"")
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new SoapReply(operation, envelope, response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new QbwcClientError(QbwcClientError.codeFor(operation), operation,
                    UNREACHABLE + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QbwcClientError(QbwcClientError.codeFor(operation), operation, "interrupted");
        }
    }

    /** Runs keep cookies within one run only, as QBWC does; raw calls keep none. */
    private static HttpClient newClient(CookieManager cookies, SSLContext sslContext) {
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (cookies != null) {
            b.cookieHandler(cookies);
        }
        if (sslContext != null) {
            b.sslContext(sslContext);
        }
        return b.build();
    }
}
