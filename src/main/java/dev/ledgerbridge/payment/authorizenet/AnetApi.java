package dev.ledgerbridge.payment.authorizenet;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import net.authorize.Environment;
import net.authorize.api.contract.v1.ANetApiRequest;
import net.authorize.api.contract.v1.ANetApiResponse;
import net.authorize.api.contract.v1.MerchantAuthenticationType;
import net.authorize.api.contract.v1.MessageTypeEnum;
import net.authorize.api.contract.v1.MessagesType;
import net.authorize.api.controller.base.ApiOperationBase;

/**
 * One merchant's calls to the Authorize.Net API through the SDK's controllers: the merchant's authentication is put on
 * each request (never in the SDK's static state), the endpoint is the mode's or authorizenet.api.url, and every call
 * waits at most the configured timeout (the SDK's own HTTP timeouts are process-wide and long), after which its outcome
 * is unknown ({@link Unanswered}).
 */
final class AnetApi {
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "authorizenet-call");
        t.setDaemon(true);
        return t;
    });
    private static final Object CUSTOM_ENDPOINT = new Object();

    /** No answer came (a timeout, a network failure, an answer that could not be read): the outcome is unknown. */
    static final class Unanswered extends Exception {
        private static final long serialVersionUID = 1L;

        Unanswered(String message) {
            super(message);
        }
    }

    /** Authorize.Net answered with an error before doing anything (bad credentials, an unknown profile, ...). */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;

        Refused(String code, String text) {
            super(text);
            this.code = code;
        }
    }

    private final String endpoint;
    private final boolean sandbox;
    private final String apiLoginId;
    private final String transactionKey;
    private final Duration timeout;

    AnetApi(String endpoint, boolean sandbox, String apiLoginId, String transactionKey, Duration timeout) {
        this.endpoint = endpoint;
        this.sandbox = sandbox;
        this.apiLoginId = apiLoginId;
        this.transactionKey = transactionKey;
        this.timeout = timeout;
    }

    /**
     * Bounds the SDK's own HTTP timeouts, which it reads once per process from the system properties
     * http.ConnectionTimeout and http.ReadTimeout (SDK 3.0.0 takes their numbers as seconds; unset, it waits 30,000
     * seconds): a call whose answer is no longer awaited then still ends, instead of holding its thread for hours.
     * Values an operator set are kept.
     */
    static void boundSdkTimeouts(Duration timeout) {
        String seconds = Long.toString(Math.max(10, timeout.toSeconds() * 2));
        for (String p : new String[] {"http.ConnectionTimeout", "http.ReadTimeout"}) {
            if (System.getProperty(p) == null && System.getenv(p) == null) {
                System.setProperty(p, seconds);
            }
        }
    }

    /** The API's address: authorizenet.api.url when set, else the mode's. */
    String endpoint() {
        return endpoint != null ? endpoint : sandbox ? Environment.SANDBOX.getXmlBaseUrl()
                : Environment.PRODUCTION.getXmlBaseUrl();
    }

    private Environment environment() {
        if (endpoint == null) {
            return sandbox ? Environment.SANDBOX : Environment.PRODUCTION;
        }
        // the SDK keeps a custom endpoint in one shared constant; the setting names one address for the whole server
        synchronized (CUSTOM_ENDPOINT) {
            return Environment.createEnvironment(endpoint, endpoint);
        }
    }

    /**
     * Sends a request and returns Authorize.Net's answer (whose result code may be Error, with the details the request
     * type carries); throws {@link Refused} when it answered with a bare error, {@link Unanswered} when no answer came.
     */
    <Q extends ANetApiRequest, S extends ANetApiResponse> S call(Q request,
                                                                  Function<Q, ApiOperationBase<Q, S>> operation)
            throws Unanswered, Refused {
        MerchantAuthenticationType auth = new MerchantAuthenticationType();
        auth.setName(apiLoginId);
        auth.setTransactionKey(transactionKey);
        request.setMerchantAuthentication(auth);
        ApiOperationBase<Q, S> op = operation.apply(request);
        Environment env = environment();
        Future<?> f = CALLS.submit(() -> op.execute(env));
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // left to finish on its own: its answer is not waited for, and it is asked about before anything is resent
            f.cancel(false);
            throw new Unanswered("Authorize.Net did not answer in " + timeout.toSeconds() + " seconds");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new Unanswered("the call to Authorize.Net was interrupted");
        } catch (ExecutionException e) {
            throw new Unanswered("the call to Authorize.Net failed (" + e.getCause().getClass().getSimpleName() + ")");
        }
        S response = op.getApiResponse();
        if (response != null) {
            return response;
        }
        ANetApiResponse error = op.getErrorResponse();
        MessagesType.Message m = first(error == null ? null : error.getMessages());
        if (m != null && m.getCode() != null && m.getCode().matches("E\\d{5}")) {
            throw new Refused(m.getCode(), m.getText());
        }
        throw new Unanswered("Authorize.Net's answer could not be read" + (m == null || m.getText() == null ? ""
                : " (" + cut(m.getText(), 200) + ")"));
    }

    static boolean ok(ANetApiResponse r) {
        return r.getMessages() != null && r.getMessages().getResultCode() == MessageTypeEnum.OK;
    }

    /** The first message of an answer: its code (E00039, ...) and text. */
    static MessagesType.Message first(MessagesType messages) {
        List<MessagesType.Message> l = messages == null ? null : messages.getMessage();
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    static String code(ANetApiResponse r) {
        MessagesType.Message m = first(r.getMessages());
        return m == null ? null : m.getCode();
    }

    static String text(ANetApiResponse r) {
        MessagesType.Message m = first(r.getMessages());
        return m == null ? "no reason given" : m.getCode() + ": " + m.getText();
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
