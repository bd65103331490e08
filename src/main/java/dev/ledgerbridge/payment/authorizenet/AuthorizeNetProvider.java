package dev.ledgerbridge.payment.authorizenet;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.payment.GatewayProvider;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentGateway;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.authorize.api.contract.v1.AuthenticateTestRequest;
import net.authorize.api.controller.AuthenticateTestController;

/**
 * Authorize.Net as a provider: an account is an API Login ID and Transaction Key (for the API), a public Client Key
 * (for Accept.js), optionally a Signature Key (for webhooks), and its mode: sandbox or production. Saving them asks
 * Authorize.Net whether the login and key are right. Calls go to the mode's endpoint or authorizenet.api.url; pages
 * load Accept.js from the mode's address or authorizenet.accept.js.url.
 */
public final class AuthorizeNetProvider implements GatewayProvider {
    public static final String NAME = "authorizenet";
    static final String API_LOGIN_ID = "apiLoginId";
    static final String CLIENT_KEY = "clientKey";
    static final String TRANSACTION_KEY = "transactionKey";
    static final String SIGNATURE_KEY = "signatureKey";
    static final String MODE = "mode";
    static final String SANDBOX = "sandbox";
    static final String PRODUCTION = "production";
    static final String ACCEPT_JS_SANDBOX = "https://jstest.authorize.net/v1/Accept.js";
    static final String ACCEPT_JS_PRODUCTION = "https://js.authorize.net/v1/Accept.js";
    static final List<String> VALIDATION_MODES = List.of("testMode", "liveMode", "none");

    private final String apiUrl;
    private final String acceptJsUrl;
    private final String validationMode;
    private final Duration timeout;

    public AuthorizeNetProvider(Config config) {
        this(config.get(Setting.AUTHORIZENET_API_URL), config.get(Setting.AUTHORIZENET_ACCEPT_JS_URL),
                config.get(Setting.AUTHORIZENET_VALIDATION_MODE),
                Duration.ofSeconds(config.getInt(Setting.AUTHORIZENET_TIMEOUT_SECONDS)));
    }

    AuthorizeNetProvider(String apiUrl, String acceptJsUrl, String validationMode, Duration timeout) {
        this.apiUrl = url(apiUrl, Setting.AUTHORIZENET_API_URL, "https://apitest.authorize.net");
        this.acceptJsUrl = url(acceptJsUrl, Setting.AUTHORIZENET_ACCEPT_JS_URL, ACCEPT_JS_SANDBOX);
        String v = validationMode == null ? "" : validationMode.trim();
        if (!VALIDATION_MODES.contains(v)) {
            throw new IllegalArgumentException(Setting.AUTHORIZENET_VALIDATION_MODE.key()
                    + " must be testMode, liveMode or none");
        }
        this.validationMode = v;
        this.timeout = timeout;
        AnetApi.boundSdkTimeouts(timeout);
    }

    /** A URL setting: empty (the mode decides) or an http(s) address. */
    private static String url(String v, Setting s, String example) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            URI u = URI.create(v.trim());
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                throw new IllegalArgumentException(v);
            }
            return s == Setting.AUTHORIZENET_API_URL ? v.trim().replaceAll("/+$", "") : v.trim();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(s.key() + " must be empty or an http(s) URL, e.g. " + example, e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return "Authorize.Net";
    }

    @Override
    public List<CredentialField> fields() {
        return List.of(
                new CredentialField(API_LOGIN_ID, "API Login ID", false, true,
                        "From the Merchant Interface: Account > Settings > Security Settings > API Credentials and"
                                + " Keys."),
                new CredentialField(CLIENT_KEY, "public Client Key", false, true,
                        "From Account > Settings > Security Settings > Manage Public Client Key; Accept.js uses it on"
                                + " the card pages."),
                new CredentialField(TRANSACTION_KEY, "Transaction Key", true, true,
                        "From API Credentials and Keys; entered once, kept encrypted, never shown again."),
                new CredentialField(SIGNATURE_KEY, "Signature Key", true, false,
                        "From API Credentials and Keys (optional: only for webhooks, when Authorize.Net can reach this"
                                + " server); kept encrypted, never shown again."),
                new CredentialField(MODE, "mode", false, false,
                        "sandbox (a sandbox account: no real money) or production; empty means sandbox."));
    }

    @Override
    public void check(Map<String, String> c) {
        String login = c.get(API_LOGIN_ID);
        String key = c.get(TRANSACTION_KEY);
        String mode = c.get(MODE);
        if (mode != null && !mode.equals(SANDBOX) && !mode.equals(PRODUCTION)) {
            throw new PaymentException("The Authorize.Net mode is sandbox or production.");
        }
        if (login != null && !login.matches("[A-Za-z0-9]{1,25}")) {
            throw new PaymentException("The Authorize.Net API Login ID is letters and digits (at most 25).");
        }
        if (key != null && !key.matches("[A-Za-z0-9]{16}")) {
            throw new PaymentException("The Authorize.Net Transaction Key is 16 letters and digits.");
        }
        String client = c.get(CLIENT_KEY);
        if (client != null && !client.matches("[A-Za-z0-9]{20,100}")) {
            throw new PaymentException("The Authorize.Net public Client Key is 20 to 100 letters and digits.");
        }
        String sig = c.get(SIGNATURE_KEY);
        if (sig != null && !sig.matches("[0-9A-Fa-f]{32,256}")) {
            throw new PaymentException("The Authorize.Net Signature Key is the hexadecimal key (128 characters) from"
                    + " API Credentials and Keys.");
        }
        if (login == null || key == null) {
            return;
        }
        try {
            api(c).call(new AuthenticateTestRequest(), AuthenticateTestController::new);
        } catch (AnetApi.Refused e) {
            throw new PaymentException("Authorize.Net did not accept the API Login ID and Transaction Key ("
                    + e.code + ": " + e.getMessage() + "). Check them, and that the mode (" + mode(c) + ") is the"
                    + " account's.");
        } catch (AnetApi.Unanswered e) {
            throw new PaymentException("The keys could not be checked: " + e.getMessage() + ". Try again.");
        }
    }

    private static String mode(Map<String, String> c) {
        return PRODUCTION.equals(c.get(MODE)) ? PRODUCTION : SANDBOX;
    }

    private AnetApi api(Map<String, String> c) {
        return new AnetApi(apiUrl, !PRODUCTION.equals(c.get(MODE)), c.get(API_LOGIN_ID), c.get(TRANSACTION_KEY),
                timeout);
    }

    @Override
    public String fieldsScript() {
        return "dev/ledgerbridge/payment/authorizenet/fields.js";
    }

    @Override
    public List<String> hostedResultFields() {
        return AuthorizeNetGateway.RESULT_FIELDS;
    }

    @Override
    public PaymentGateway open(Map<String, String> c) {
        if (c.get(API_LOGIN_ID) == null || c.get(TRANSACTION_KEY) == null || c.get(CLIENT_KEY) == null) {
            throw new PaymentException("Authorize.Net is not connected for this company: an admin enters its API Login"
                    + " ID, public Client Key and Transaction Key under Payment settings.");
        }
        boolean sandbox = !PRODUCTION.equals(c.get(MODE));
        String js = acceptJsUrl != null ? acceptJsUrl : sandbox ? ACCEPT_JS_SANDBOX : ACCEPT_JS_PRODUCTION;
        return new AuthorizeNetGateway(new AuthorizeNetGateway.Account(c.get(API_LOGIN_ID), c.get(CLIENT_KEY),
                c.get(SIGNATURE_KEY), sandbox), api(c), js, validationMode);
    }
}
