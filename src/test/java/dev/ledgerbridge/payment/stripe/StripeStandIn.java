package dev.ledgerbridge.payment.stripe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerbridge.testkit.StandInServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for the parts of Stripe's API Ledgerbridge uses, written from Stripe's API reference: customers
 * (create, list by email, search by name, their payment methods), payment methods (create from a card, retrieve,
 * attach, detach), SetupIntents (create, retrieve, confirm), PaymentIntents (create with confirm, list, cancel) and
 * refunds, with Idempotency-Key replay (the same key answers the first answer; other parameters are an
 * idempotency_error), Stripe's test card numbers, and faults on demand (429, 5xx, an answer that comes too late).
 * It also serves a stand-in Stripe.js at /v3/ and signs webhook events as Stripe does. Nothing leaves the machine.
 */
public final class StripeStandIn implements AutoCloseable {
    public static final String SECRET_KEY = "sk_test_standin51Hq2xYz";
    public static final String PUBLISHABLE_KEY = "pk_test_standin51Hq2xYz";
    public static final String WEBHOOK_SECRET = "whsec_standinSigningSecret";
    // Stripe's test card numbers
    public static final String VISA = "4242424242424242";
    public static final String DECLINED = "4000000000000002";
    public static final String INSUFFICIENT_FUNDS = "4000000000009995";
    public static final String EXPIRED = "4000000000000069";
    /** Needs authentication for every charge, also off session. */
    public static final String ALWAYS_AUTHENTICATE = "4000002760003184";
    /** Needs authentication once when saved; afterwards off-session charges succeed. */
    public static final String AUTHENTICATE_ONCE = "4000002500003155";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final StandInServer server;
    private final Map<String, ObjectNode> customers = new LinkedHashMap<>();
    private final Map<String, ObjectNode> methods = new LinkedHashMap<>();
    private final Map<String, String> numbers = new LinkedHashMap<>();
    private final Map<String, Boolean> authenticated = new LinkedHashMap<>();
    private final Map<String, ObjectNode> setupIntents = new LinkedHashMap<>();
    private final Map<String, ObjectNode> paymentIntents = new LinkedHashMap<>();
    private final Map<String, ObjectNode> refunds = new LinkedHashMap<>();
    private final Map<String, Answer> idempotent = new LinkedHashMap<>();
    private final Map<String, String> idempotentParams = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> paramsByKey = new LinkedHashMap<>();
    /** Every request: method, path, Idempotency-Key (or "-"), and the card number when one was sent. */
    private final List<String> requests = new ArrayList<>();
    private final List<String> cardNumbersSeen = new ArrayList<>();
    private int failTimes;
    private int failStatus;
    private String failPath;
    private int slowTimes;
    private boolean processNext;
    private long slowMillis;
    private final AtomicInteger ids = new AtomicInteger();

    private record Answer(int status, String body) {
    }

    public StripeStandIn() {
        server = new StandInServer(new Api());
    }

    /** The base URL for stripe.api.base, e.g. http://127.0.0.1:41234 */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The stand-in Stripe.js, for stripe.js.url. */
    public String jsUrl() {
        return baseUrl() + "/v3/";
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- what tests set and read -------------------------------------------------------------------------------

    /** The next {@code times} requests to a path starting with {@code path} are answered {@code status}, unprocessed. */
    public synchronized void failNext(String path, int status, int times) {
        failPath = path;
        failStatus = status;
        failTimes = times;
    }

    /** The next {@code times} PaymentIntent creations are carried out, but answered only after {@code millis}. */
    public synchronized void slowNext(int times, long millis) {
        slowTimes = times;
        slowMillis = millis;
    }

    /** The next PaymentIntent that would succeed stays processing (the bank has not decided yet). */
    public synchronized void processNext() {
        processNext = true;
    }

    /** A processing PaymentIntent succeeds, as when its bank decides. */
    public synchronized void succeed(String paymentIntentId) {
        ObjectNode pi = paymentIntents.get(paymentIntentId);
        pi.put("status", "succeeded");
        pi.put("amount_received", pi.get("amount").asLong());
    }

    /** A card saved as Stripe.js would: a PaymentMethod of this test card number, not attached yet. */
    public synchronized String paymentMethod(String number) {
        return newMethod(number, 12, 2030).get("id").asText();
    }

    /** A customer made directly at Stripe (not by Ledgerbridge), with cards, for linking. */
    public synchronized String customerWithCards(String name, String email, String... numbers) {
        ObjectNode c = newCustomer(name, email);
        for (String n : numbers) {
            newMethod(n, 1, 2031).put("customer", c.get("id").asText());
        }
        return c.get("id").asText();
    }

    /** PaymentIntents that moved money (succeeded). */
    public synchronized long charges() {
        return paymentIntents.values().stream().filter(p -> "succeeded".equals(p.get("status").asText())).count();
    }

    public synchronized List<ObjectNode> paymentIntents() {
        return List.copyOf(paymentIntents.values());
    }

    public synchronized List<ObjectNode> refunds() {
        return List.copyOf(refunds.values());
    }

    public synchronized List<ObjectNode> customers() {
        return List.copyOf(customers.values());
    }

    /** How many requests went to a method and path with an Idempotency-Key, e.g. ("POST", "/v1/refunds", "k"). */
    public synchronized long count(String method, String path, String key) {
        return requests.stream().filter(r -> r.equals(method + " " + path + " " + key)).count();
    }

    /** The ids of a customer's PaymentMethods. */
    public synchronized List<String> paymentMethods(String customerId) {
        return methods.values().stream().filter(m -> customerId.equals(m.path("customer").asText()))
                .map(m -> m.get("id").asText()).toList();
    }

    /** Whether the PaymentIntent created under this Idempotency-Key was sent off_session. */
    public synchronized boolean offSession(String key) {
        return "true".equals(paramsByKey.getOrDefault(key, Map.of()).get("off_session"));
    }

    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** Card numbers the stand-in received (from the stand-in Stripe.js). */
    public synchronized List<String> cardNumbersSeen() {
        return List.copyOf(cardNumbersSeen);
    }

    /** An event as Stripe sends it to a webhook endpoint. */
    public static String event(String id, String type, ObjectNode object) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id);
        e.put("object", "event");
        e.put("api_version", com.stripe.Stripe.API_VERSION);
        e.put("created", System.currentTimeMillis() / 1000);
        e.putObject("data").set("object", object);
        e.put("livemode", false);
        e.put("pending_webhooks", 1);
        e.put("type", type);
        return e.toString();
    }

    /** The Stripe-Signature header of a payload signed at {@code epochSeconds} with a signing secret. */
    public static String signature(String payload, String secret, long epochSeconds) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = epochSeconds + "." + payload;
            return "t=" + epochSeconds + ",v1="
                    + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the API -------------------------------------------------------------------------------------------------

    private String id(String prefix) {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return prefix + ids.incrementAndGet() + HexFormat.of().formatHex(b);
    }

    private ObjectNode newCustomer(String name, String email) {
        ObjectNode c = JSON.createObjectNode();
        String id = id("cus_");
        c.put("id", id);
        c.put("object", "customer");
        c.put("name", name);
        c.put("email", email);
        c.putObject("metadata");
        customers.put(id, c);
        return c;
    }

    private ObjectNode newMethod(String number, int month, int year) {
        ObjectNode pm = JSON.createObjectNode();
        String id = id("pm_");
        pm.put("id", id);
        pm.put("object", "payment_method");
        pm.put("type", "card");
        pm.putNull("customer");
        ObjectNode card = pm.putObject("card");
        card.put("brand", number.startsWith("4") ? "visa" : number.startsWith("5") ? "mastercard" : "unknown");
        card.put("last4", number.substring(number.length() - 4));
        card.put("exp_month", month);
        card.put("exp_year", year);
        card.put("fingerprint", "fp" + Integer.toHexString(number.hashCode()));
        pm.putObject("billing_details");
        methods.put(id, pm);
        numbers.put(id, number);
        return pm;
    }

    private final class Api extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setHeader("Access-Control-Allow-Origin", "*");
            resp.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
            if ("OPTIONS".equals(req.getMethod())) {
                resp.setStatus(204);
                return;
            }
            String path = req.getRequestURI();
            if (path.startsWith("/v3")) {
                resp.setContentType("text/javascript;charset=utf-8");
                try (var in = StripeStandIn.class.getResourceAsStream("stand-in-stripe.js")) {
                    resp.getOutputStream().write(in.readAllBytes());
                }
                return;
            }
            Map<String, String> params = new TreeMap<>();
            req.getParameterMap().forEach((k, v) -> params.put(k, v[0]));
            String key = req.getHeader("Idempotency-Key");
            Answer a;
            long delay = 0;
            synchronized (StripeStandIn.this) {
                requests.add(req.getMethod() + " " + path + " " + (key == null ? "-" : key));
                if (key != null) {
                    paramsByKey.putIfAbsent(key, Map.copyOf(params));
                }
                if (params.containsKey("card[number]")) {
                    cardNumbersSeen.add(params.get("card[number]"));
                }
                String auth = req.getHeader("Authorization");
                boolean secret = ("Bearer " + SECRET_KEY).equals(auth);
                boolean publishable = ("Bearer " + PUBLISHABLE_KEY).equals(auth);
                if (!secret && !(publishable && browserCall(req.getMethod(), path))) {
                    a = error(401, "invalid_request_error", null, null, "Invalid API Key provided.", null);
                } else if (failTimes > 0 && path.startsWith(failPath)) {
                    failTimes--;
                    a = error(failStatus, failStatus == 429 ? "invalid_request_error" : "api_error",
                            failStatus == 429 ? "rate_limit" : null, null, "Stand-in fault " + failStatus + ".", null);
                } else if (key != null && "POST".equals(req.getMethod()) && idempotent.containsKey(key)) {
                    if (!idempotentParams.get(key).equals(path + params)) {
                        a = error(400, "idempotency_error", null, null, "Keys for idempotent requests can only be"
                                + " used with the same parameters they were first used with.", null);
                    } else {
                        a = idempotent.get(key);
                        resp.setHeader("Idempotent-Replayed", "true");
                    }
                } else {
                    a = handle(req.getMethod(), path, params);
                    if (key != null && "POST".equals(req.getMethod()) && a.status() < 500) {
                        idempotent.put(key, a);
                        idempotentParams.put(key, path + params);
                    }
                }
                if (path.equals("/v1/payment_intents") && "POST".equals(req.getMethod()) && slowTimes > 0) {
                    slowTimes--;
                    delay = slowMillis;
                }
            }
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            resp.setStatus(a.status());
            resp.setContentType("application/json");
            resp.getOutputStream().write(a.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean browserCall(String method, String path) {
        return "POST".equals(method) && (path.equals("/v1/payment_methods") || path.matches("/v1/setup_intents/[^/]+/"
                + "(confirm|stand_in_authenticate)"));
    }

    private static Answer ok(ObjectNode o) {
        return new Answer(200, o.toString());
    }

    private static Answer list(String url, List<ObjectNode> items, boolean search) {
        ObjectNode o = JSON.createObjectNode();
        o.put("object", search ? "search_result" : "list");
        ArrayNode data = o.putArray("data");
        items.forEach(data::add);
        o.put("has_more", false);
        o.put("url", url);
        if (search) {
            o.putNull("next_page");
        }
        return ok(o);
    }

    private static Answer error(int status, String type, String code, String declineCode, String message,
                                ObjectNode paymentIntent) {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode e = o.putObject("error");
        e.put("type", type);
        if (code != null) {
            e.put("code", code);
        }
        if (declineCode != null) {
            e.put("decline_code", declineCode);
        }
        e.put("message", message);
        if (paymentIntent != null) {
            e.set("payment_intent", paymentIntent);
        }
        return new Answer(status, o.toString());
    }

    private static Answer missing(String what, String id) {
        return error(404, "invalid_request_error", "resource_missing", null, "No such " + what + ": '" + id + "'",
                null);
    }

    private static ObjectNode metadata(ObjectNode target, Map<String, String> params) {
        ObjectNode m = target.putObject("metadata");
        params.forEach((k, v) -> {
            if (k.startsWith("metadata[")) {
                m.put(k.substring(9, k.length() - 1), v);
            }
        });
        return m;
    }

    private Answer handle(String method, String path, Map<String, String> p) {
        String[] s = path.substring(1).split("/");
        if (s.length < 2 || !s[0].equals("v1")) {
            return missing("path", path);
        }
        String res = s[1];
        switch (res) {
            case "customers" -> {
                if (s.length == 2 && method.equals("POST")) {
                    ObjectNode c = newCustomer(p.get("name"), p.get("email"));
                    metadata(c, p);
                    return ok(c);
                }
                if (s.length == 2) {
                    return list(path, customers.values().stream().filter(c -> p.get("email") == null
                            || p.get("email").equalsIgnoreCase(c.path("email").asText())).toList(), false);
                }
                if (s.length == 3 && s[2].equals("search")) {
                    String q = p.getOrDefault("query", "");
                    String needle = q.replaceAll("^name~\"(.*)\"$", "$1").toLowerCase(java.util.Locale.ROOT);
                    return list(path, customers.values().stream().filter(c -> c.path("name").asText()
                            .toLowerCase(java.util.Locale.ROOT).contains(needle)).toList(), true);
                }
                if (s.length == 4 && s[3].equals("payment_methods")) {
                    return list(path, methods.values().stream().filter(m -> s[2].equals(m.path("customer")
                            .asText())).toList(), false);
                }
                return missing("customer", s.length > 2 ? s[2] : "");
            }
            case "payment_methods" -> {
                if (s.length == 2 && method.equals("POST")) {
                    String number = p.getOrDefault("card[number]", "").replace(" ", "");
                    if (!number.matches("\\d{12,19}")) {
                        return error(402, "card_error", "incorrect_number", null, "Your card number is incorrect.",
                                null);
                    }
                    return ok(newMethod(number, Integer.parseInt(p.getOrDefault("card[exp_month]", "12")),
                            Integer.parseInt(p.getOrDefault("card[exp_year]", "2030"))));
                }
                ObjectNode pm = s.length > 2 ? methods.get(s[2]) : null;
                if (pm == null) {
                    return missing("PaymentMethod", s.length > 2 ? s[2] : "");
                }
                if (s.length == 4 && s[3].equals("attach")) {
                    if (!customers.containsKey(p.get("customer"))) {
                        return missing("customer", p.get("customer"));
                    }
                    pm.put("customer", p.get("customer"));
                } else if (s.length == 4 && s[3].equals("detach")) {
                    if (pm.path("customer").isNull()) {
                        return error(400, "invalid_request_error", "payment_method_unexpected_state", null,
                                "The payment method you provided is not attached to a customer.", null);
                    }
                    pm.putNull("customer");
                }
                return ok(pm);
            }
            case "setup_intents" -> {
                if (s.length == 2 && method.equals("POST")) {
                    ObjectNode si = JSON.createObjectNode();
                    String id = id("seti_");
                    si.put("id", id);
                    si.put("object", "setup_intent");
                    si.put("customer", p.get("customer"));
                    si.put("status", "requires_payment_method");
                    si.put("usage", p.getOrDefault("usage", "off_session"));
                    si.put("client_secret", id + "_secret_" + id("x"));
                    si.putNull("payment_method");
                    si.putNull("last_setup_error");
                    setupIntents.put(id, si);
                    return ok(si);
                }
                ObjectNode si = s.length > 2 ? setupIntents.get(s[2]) : null;
                if (si == null) {
                    return missing("setup_intent", s.length > 2 ? s[2] : "");
                }
                if (s.length == 4 && s[3].equals("confirm")) {
                    ObjectNode pm = methods.get(p.get("payment_method"));
                    if (pm == null) {
                        return missing("PaymentMethod", p.get("payment_method"));
                    }
                    si.put("payment_method", pm.get("id").asText());
                    String number = numbers.get(pm.get("id").asText());
                    if (number.equals(DECLINED) || number.equals(EXPIRED) || number.equals(INSUFFICIENT_FUNDS)) {
                        si.put("status", "requires_payment_method");
                        return error(402, "card_error", number.equals(EXPIRED) ? "expired_card" : "card_declined",
                                number.equals(INSUFFICIENT_FUNDS) ? "insufficient_funds" : null,
                                number.equals(EXPIRED) ? "Your card has expired." : "Your card was declined.", null);
                    }
                    if (number.equals(AUTHENTICATE_ONCE) || number.equals(ALWAYS_AUTHENTICATE)) {
                        si.put("status", "requires_action");
                        return ok(si);
                    }
                    pm.put("customer", si.path("customer").asText());
                    si.put("status", "succeeded");
                } else if (s.length == 4 && s[3].equals("stand_in_authenticate")) {
                    // what Stripe.js does once the cardholder passed 3-D Secure in its frame
                    String pmId = si.path("payment_method").asText();
                    authenticated.put(pmId, true);
                    methods.get(pmId).put("customer", si.path("customer").asText());
                    si.put("status", "succeeded");
                }
                return ok(si);
            }
            case "payment_intents" -> {
                if (s.length == 2 && method.equals("POST")) {
                    return createPaymentIntent(p);
                }
                if (s.length == 2) {
                    long gte = Long.parseLong(p.getOrDefault("created[gte]", "0"));
                    return list(path, paymentIntents.values().stream().filter(pi -> (p.get("customer") == null
                            || p.get("customer").equals(pi.path("customer").asText()))
                            && pi.path("created").asLong() >= gte).toList(), false);
                }
                ObjectNode pi = paymentIntents.get(s[2]);
                if (pi == null) {
                    return missing("payment_intent", s[2]);
                }
                if (s.length == 4 && s[3].equals("cancel")) {
                    pi.put("status", "canceled");
                }
                return ok(pi);
            }
            case "refunds" -> {
                if (s.length == 2 && method.equals("POST")) {
                    ObjectNode pi = paymentIntents.get(p.get("payment_intent"));
                    if (pi == null || !"succeeded".equals(pi.path("status").asText())) {
                        return missing("payment_intent", p.get("payment_intent"));
                    }
                    long left = pi.path("amount").asLong() - refunds.values().stream().filter(r -> r.path(
                            "payment_intent").asText().equals(pi.get("id").asText())).mapToLong(r -> r.path("amount")
                            .asLong()).sum();
                    long amount = Long.parseLong(p.getOrDefault("amount", Long.toString(left)));
                    if (amount > left) {
                        return error(400, "invalid_request_error", "charge_already_refunded", null, "Refund amount"
                                + " is greater than unrefunded amount on charge.", null);
                    }
                    ObjectNode r = JSON.createObjectNode();
                    String id = id("re_");
                    r.put("id", id);
                    r.put("object", "refund");
                    r.put("amount", amount);
                    r.put("currency", pi.path("currency").asText());
                    r.put("payment_intent", pi.get("id").asText());
                    r.put("status", "succeeded");
                    metadata(r, p);
                    refunds.put(id, r);
                    return ok(r);
                }
                return list(path, refunds.values().stream().filter(r -> p.get("payment_intent") == null
                        || p.get("payment_intent").equals(r.path("payment_intent").asText())).toList(), false);
            }
            default -> {
                return missing("path", path);
            }
        }
    }

    private Answer createPaymentIntent(Map<String, String> p) {
        ObjectNode pm = methods.get(p.get("payment_method"));
        if (pm == null || !p.getOrDefault("customer", "").equals(pm.path("customer").asText())) {
            return error(400, "invalid_request_error", "resource_missing", null, "No such PaymentMethod: '"
                    + p.get("payment_method") + "'", null);
        }
        ObjectNode pi = JSON.createObjectNode();
        String id = id("pi_");
        pi.put("id", id);
        pi.put("object", "payment_intent");
        pi.put("amount", Long.parseLong(p.get("amount")));
        pi.put("amount_received", 0);
        pi.put("currency", p.get("currency"));
        pi.put("customer", p.get("customer"));
        pi.put("payment_method", pm.get("id").asText());
        pi.put("description", p.get("description"));
        pi.put("created", System.currentTimeMillis() / 1000);
        pi.put("livemode", false);
        pi.putNull("last_payment_error");
        metadata(pi, p);
        paymentIntents.put(id, pi);
        String number = numbers.get(pm.get("id").asText());
        boolean offSession = "true".equals(p.get("off_session"));
        String code = null;
        String decline = null;
        String message = null;
        if (number.equals(DECLINED)) {
            code = "card_declined";
            decline = "generic_decline";
            message = "Your card was declined.";
        } else if (number.equals(INSUFFICIENT_FUNDS)) {
            code = "card_declined";
            decline = "insufficient_funds";
            message = "Your card has insufficient funds.";
        } else if (number.equals(EXPIRED)) {
            code = "expired_card";
            message = "Your card has expired.";
        } else if (number.equals(ALWAYS_AUTHENTICATE)
                || (number.equals(AUTHENTICATE_ONCE) && !authenticated.getOrDefault(pm.get("id").asText(), false))) {
            if (!offSession) {
                pi.put("status", "requires_action");
                return ok(pi);
            }
            code = "authentication_required";
            decline = "authentication_required";
            message = "Your card was declined. This transaction requires authentication.";
        }
        if (code != null) {
            pi.put("status", "requires_payment_method");
            ObjectNode err = pi.putObject("last_payment_error");
            err.put("type", "card_error");
            err.put("code", code);
            if (decline != null) {
                err.put("decline_code", decline);
            }
            err.put("message", message);
            return error(402, "card_error", code, decline, message, pi.deepCopy());
        }
        if (processNext) {
            processNext = false;
            pi.put("status", "processing");
            return ok(pi);
        }
        pi.put("status", "succeeded");
        pi.put("amount_received", pi.get("amount").asLong());
        return ok(pi);
    }
}
