package dev.ledgerbridge.payment.authorizenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerbridge.testkit.StandInServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A local stand-in for the parts of the Authorize.Net API Ledgerbridge uses, written from its API reference: the XML API
 * at /xml/v1/request.api (authenticateTest; CIM customer and payment profiles: create, get by id, merchantCustomerId or
 * email, delete; createTransaction with authCaptureTransaction on a profile, refundTransaction and voidTransaction;
 * getTransactionDetails, getTransactionListForCustomer (settled transactions) and getUnsettledTransactionList), and the
 * JSON securePaymentContainerRequest that Accept.js sends from the browser, served with a stand-in Accept.js at
 * /v1/Accept.js. Test cards decide what happens: {@link #VISA} approves, {@link #DECLINED} declines (response code 2),
 * {@link #REVIEW} is held for review (4), {@link #ERROR_CARD} errors (3); a card past its expiry gives error 3, reason
 * 8. A duplicate charge (same invoice number, amount and profile within the duplicate window) is refused with error 3,
 * reason 11. Faults on demand: an answer that comes too late. It signs webhook notifications as Authorize.Net does.
 */
public final class AuthorizeNetStandIn implements AutoCloseable {
    public static final String LOGIN = "standIn5KP3u";
    public static final String TRANSACTION_KEY = "4Ktq966gC55GAX7S";
    public static final String CLIENT_KEY = "7zj3HCcFxGnVdFa7uLvVcPyG2d4tPUdE6xE8kBa9gSv";
    public static final String SIGNATURE_KEY = "A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90"
            + "A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90";
    public static final String VISA = "4111111111111111";
    public static final String DECLINED = "4000000000000002";
    public static final String REVIEW = "4000000000000127";
    public static final String ERROR_CARD = "4000000000000010";
    private static final String NS = "AnetApi/xml/v1/schema/AnetApiSchema.xsd";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StandInServer server;
    private final AtomicLong ids = new AtomicLong(1_500_000_000L);
    private final AtomicLong transIds = new AtomicLong(60_000_000_000L);
    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<String, Card> cards = new LinkedHashMap<>();
    private final Map<String, Card> nonces = new LinkedHashMap<>();
    private final Map<String, Txn> txns = new LinkedHashMap<>();
    /** Every XML request: its root element, and the invoice number when it had one. */
    private final List<String> requests = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private final List<String> cardNumbersSeen = new ArrayList<>();
    private int slowTimes;
    private long slowMillis;

    static final class Customer {
        String id;
        String merchantCustomerId;
        String description;
        String email;
        final List<String> cards = new ArrayList<>();
    }

    static final class Card {
        String id;
        String customerId;
        String number;
        YearMonth expiry;
    }

    /** A transaction as Authorize.Net keeps it. */
    public static final class Txn {
        public String transId;
        public String type;
        public String status;
        public int responseCode;
        public String customerId;
        public String cardId;
        public String cardNumber;
        public BigDecimal amount;
        public String invoiceNumber;
        public String description;
        public String refTransId;
        public Instant submitted;
    }

    public AuthorizeNetStandIn() {
        server = new StandInServer(new Api());
    }

    /** The base URL for authorizenet.api.url, e.g. http://127.0.0.1:41234 */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** The stand-in Accept.js, for authorizenet.accept.js.url. */
    public String acceptJsUrl() {
        return baseUrl() + "/v1/Accept.js";
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- what tests set and read -------------------------------------------------------------------------------

    /** Opaque data for a card, as Accept.js returns it in the browser: {dataDescriptor, dataValue}. */
    public synchronized Map<String, String> opaqueData(String number, int month, int year) {
        Card card = new Card();
        card.number = number;
        card.expiry = YearMonth.of(year, month);
        String value = "eyJ" + UUID.randomUUID().toString().replace("-", "") + "standin";
        nonces.put(value, card);
        return Map.of("dataDescriptor", "COMMON.ACCEPT.INAPP.PAYMENT", "dataValue", value);
    }

    /** A customer profile with one card made at Authorize.Net directly (as before Ledgerbridge); returns its id. */
    public synchronized String existingProfile(String merchantCustomerId, String email, String number) {
        Customer c = newCustomer(merchantCustomerId, "Made in the Merchant Interface", email);
        Card card = new Card();
        card.id = Long.toString(ids.incrementAndGet());
        card.customerId = c.id;
        card.number = number;
        card.expiry = YearMonth.of(2031, 6);
        cards.put(card.id, card);
        c.cards.add(card.id);
        return c.id;
    }

    public synchronized List<String> paymentProfilesOf(String customerProfileId) {
        return List.copyOf(customers.get(customerProfileId).cards);
    }

    /** The card's expiry passes, as time does. */
    public synchronized void expire(String paymentProfileId) {
        cards.get(paymentProfileId).expiry = YearMonth.of(2020, 1);
    }

    /** The next {@code times} transactions are carried out, but answered only after {@code millis}. */
    public synchronized void slowNext(int times, long millis) {
        slowTimes = times;
        slowMillis = millis;
    }

    /** The nightly batch: captured charges and refunds settle. */
    public synchronized void settleAll() {
        for (Txn t : txns.values()) {
            if ("capturedPendingSettlement".equals(t.status)) {
                t.status = "settledSuccessfully";
            } else if ("refundPendingSettlement".equals(t.status)) {
                t.status = "refundSettledSuccessfully";
            }
        }
    }

    /** A held transaction is approved or declined in the Merchant Interface's review. */
    public synchronized void review(String transId, boolean approve) {
        Txn t = txns.get(transId);
        t.status = approve ? "capturedPendingSettlement" : "declined";
        t.responseCode = approve ? 1 : 2;
    }

    public synchronized List<Txn> transactions() {
        return List.copyOf(txns.values());
    }

    /** Charges (authCaptureTransaction) made, however often they were asked for. */
    public synchronized List<Txn> charges() {
        return txns.values().stream().filter(t -> "authCaptureTransaction".equals(t.type)).toList();
    }

    /** Every XML request received: "rootElement" or "rootElement invoiceNumber". */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** Every XML request body received (what Ledgerbridge sent). */
    public synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    /** The card numbers Accept.js sent from a browser. */
    public synchronized List<String> cardNumbersSeen() {
        return List.copyOf(cardNumbersSeen);
    }

    /** A webhook notification as Authorize.Net posts it. */
    public static String notification(String eventType, String transId, int responseCode, String amount) {
        return "{\"notificationId\":\"" + UUID.randomUUID() + "\",\"eventType\":\"" + eventType + "\",\"eventDate\":\""
                + Instant.now() + "\",\"webhookId\":\"" + UUID.randomUUID() + "\",\"payload\":{\"responseCode\":"
                + responseCode + ",\"authCode\":\"ABC123\",\"avsResponse\":\"Y\",\"authAmount\":" + amount
                + ",\"entityName\":\"transaction\",\"id\":\"" + transId + "\"}}";
    }

    /** X-ANET-Signature of a body: "sha512=" and its HMAC-SHA512 with the Signature Key, upper-case hex. */
    public static String signature(String body, String key) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA512");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return "sha512=" + HexFormat.of().withUpperCase().formatHex(mac.doFinal(body.getBytes(
                    StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the API -----------------------------------------------------------------------------------------------

    private Customer newCustomer(String merchantCustomerId, String description, String email) {
        Customer c = new Customer();
        c.id = Long.toString(ids.incrementAndGet());
        c.merchantCustomerId = merchantCustomerId;
        c.description = description;
        c.email = email;
        customers.put(c.id, c);
        return c;
    }

    private final class Api extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (!req.getRequestURI().equals("/v1/Accept.js")) {
                resp.sendError(404);
                return;
            }
            try (InputStream in = AuthorizeNetStandIn.class.getResourceAsStream("stand-in-accept.js")) {
                resp.setContentType("text/javascript");
                resp.getOutputStream().write(in.readAllBytes());
            }
        }

        @Override
        protected void doOptions(HttpServletRequest req, HttpServletResponse resp) {
            cors(resp);
            resp.setStatus(204);
        }

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            if (!req.getRequestURI().equals("/xml/v1/request.api")) {
                resp.sendError(404);
                return;
            }
            byte[] body = req.getInputStream().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.stripLeading().startsWith("{")) {
                cors(resp);
                resp.setContentType("application/json");
                resp.getOutputStream().write(acceptJs(text).getBytes(StandardCharsets.UTF_8));
                return;
            }
            String answer;
            long delay;
            synchronized (AuthorizeNetStandIn.this) {
                bodies.add(text);
                answer = xml(text);
                delay = 0;
                if (answer.startsWith("<createTransactionResponse") && slowTimes > 0) {
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
            resp.setContentType("text/xml; charset=utf-8");
            resp.getOutputStream().write(("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + answer)
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void cors(HttpServletResponse resp) {
        resp.setHeader("Access-Control-Allow-Origin", "*");
        resp.setHeader("Access-Control-Allow-Headers", "Content-Type");
        resp.setHeader("Access-Control-Allow-Methods", "POST, OPTIONS");
    }

    /** Accept.js's securePaymentContainerRequest: the card (from the browser) becomes opaque data. */
    private synchronized String acceptJs(String text) throws IOException {
        JsonNode r = JSON.readTree(text).path("securePaymentContainerRequest");
        JsonNode auth = r.path("merchantAuthentication");
        if (!LOGIN.equals(auth.path("name").asText()) || !CLIENT_KEY.equals(auth.path("clientKey").asText())) {
            return "{\"messages\":{\"resultCode\":\"Error\",\"message\":[{\"code\":\"E_WC_21\",\"text\":\"User"
                    + " authentication failed due to invalid authentication values.\"}]}}";
        }
        JsonNode token = r.path("data").path("token");
        String number = token.path("cardNumber").asText();
        cardNumbersSeen.add(number);
        String exp = token.path("expirationDate").asText(); // MMYYYY
        if (!number.matches("\\d{13,16}") || !luhn(number)) {
            return "{\"messages\":{\"resultCode\":\"Error\",\"message\":[{\"code\":\"E_WC_05\",\"text\":\"Please"
                    + " provide valid credit card number.\"}]}}";
        }
        if (!exp.matches("\\d{6}")) {
            return "{\"messages\":{\"resultCode\":\"Error\",\"message\":[{\"code\":\"E_WC_06\",\"text\":\"Please"
                    + " provide valid expiration month.\"}]}}";
        }
        Map<String, String> o = opaqueData(number, Integer.parseInt(exp.substring(0, 2)),
                Integer.parseInt(exp.substring(2)));
        return "{\"opaqueData\":{\"dataDescriptor\":\"" + o.get("dataDescriptor") + "\",\"dataValue\":\""
                + o.get("dataValue") + "\"},\"messages\":{\"resultCode\":\"Ok\",\"message\":[{\"code\":\"I_WC_01\","
                + "\"text\":\"Successful.\"}]}}";
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    private String xml(String text) {
        Element root;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            root = d.getDocumentElement();
        } catch (Exception e) {
            return error("ErrorResponse", null, "E00003", "The XML could not be read.");
        }
        String name = root.getLocalName();
        String invoice = path(root, "transactionRequest", "order", "invoiceNumber");
        requests.add(invoice == null ? name : name + " " + invoice);
        // the customer's transaction list is answered as the account's list is
        String response = name.equals("getTransactionListForCustomerRequest") ? "getTransactionListResponse"
                : name.replace("Request", "Response");
        String refId = path(root, "refId");
        if (!LOGIN.equals(path(root, "merchantAuthentication", "name"))
                || !TRANSACTION_KEY.equals(path(root, "merchantAuthentication", "transactionKey"))) {
            return error("ErrorResponse", null, "E00007", "User authentication failed due to invalid authentication"
                    + " values.");
        }
        return switch (name) {
            case "authenticateTestRequest" -> ok(response, refId, "");
            case "createCustomerProfileRequest" -> createCustomer(root, response, refId);
            case "createCustomerPaymentProfileRequest" -> createCard(root, response, refId);
            case "getCustomerPaymentProfileRequest" -> getCard(root, response, refId);
            case "getCustomerProfileRequest" -> getCustomer(root, response, refId);
            case "deleteCustomerPaymentProfileRequest" -> deleteCard(root, response, refId);
            case "createTransactionRequest" -> transaction(root, response, refId);
            case "getTransactionDetailsRequest" -> details(root, response, refId);
            case "getTransactionListForCustomerRequest" -> list(response, refId,
                    txns.values().stream().filter(t -> t.customerId != null
                            && t.customerId.equals(path(root, "customerProfileId")) && settled(t)).toList());
            case "getUnsettledTransactionListRequest" -> list(response, refId,
                    txns.values().stream().filter(t -> !settled(t)).toList());
            default -> error("ErrorResponse", refId, "E00003", "The stand-in does not know " + name + ".");
        };
    }

    private static boolean settled(Txn t) {
        return t.status.equals("settledSuccessfully") || t.status.equals("refundSettledSuccessfully")
                || t.status.equals("declined") || t.status.equals("voided") || t.status.equals("generalError");
    }

    private String createCustomer(Element root, String response, String refId) {
        String mcid = path(root, "profile", "merchantCustomerId");
        for (Customer c : customers.values()) {
            if (mcid != null && mcid.equals(c.merchantCustomerId)) {
                return error(response, refId, "E00039", "A duplicate record with ID " + c.id + " already exists.");
            }
        }
        Customer c = newCustomer(mcid, path(root, "profile", "description"), path(root, "profile", "email"));
        return ok(response, refId, "<customerProfileId>" + c.id + "</customerProfileId><customerPaymentProfileIdList/>"
                + "<customerShippingAddressIdList/><validationDirectResponseList/>");
    }

    private String createCard(Element root, String response, String refId) {
        Customer c = customers.get(path(root, "customerProfileId"));
        if (c == null) {
            return error(response, refId, "E00040", "The record cannot be found.");
        }
        String value = path(root, "paymentProfile", "payment", "opaqueData", "dataValue");
        Card nonce = value == null ? null : nonces.remove(value);
        if (nonce == null) {
            return error(response, refId, "E00114", "Invalid OTS Token.");
        }
        for (String id : c.cards) {
            Card k = cards.get(id);
            if (k.number.equals(nonce.number) && k.expiry.equals(nonce.expiry)) {
                return error(response, refId, "E00039", "A duplicate customer payment profile already exists.",
                        "<customerProfileId>" + c.id + "</customerProfileId><customerPaymentProfileId>" + id
                                + "</customerPaymentProfileId>");
            }
        }
        String mode = path(root, "validationMode");
        if ("liveMode".equals(mode) && DECLINED.equals(nonce.number)) {
            return error(response, refId, "E00027", "This transaction has been declined.",
                    "<customerProfileId>" + c.id + "</customerProfileId><validationDirectResponse>2,1,2,This"
                            + " transaction has been declined.,000000,P,0,none,Test transaction for ValidateCustomer"
                            + "PaymentProfile.,0.00,CC,auth_only</validationDirectResponse>");
        }
        nonce.id = Long.toString(ids.incrementAndGet());
        nonce.customerId = c.id;
        cards.put(nonce.id, nonce);
        c.cards.add(nonce.id);
        return ok(response, refId, "<customerProfileId>" + c.id + "</customerProfileId><customerPaymentProfileId>"
                + nonce.id + "</customerPaymentProfileId>");
    }

    private String maskedCard(Card k, boolean unmask) {
        return "<customerProfileId>" + k.customerId + "</customerProfileId><customerPaymentProfileId>" + k.id
                + "</customerPaymentProfileId><payment><creditCard><cardNumber>XXXX" + k.number.substring(
                k.number.length() - 4) + "</cardNumber><expirationDate>" + (unmask ? k.expiry.toString() : "XXXX")
                + "</expirationDate><cardType>" + (k.number.startsWith("4") ? "Visa" : "MasterCard")
                + "</cardType></creditCard></payment>";
    }

    private String getCard(Element root, String response, String refId) {
        Card k = cards.get(path(root, "customerPaymentProfileId"));
        if (k == null || !k.customerId.equals(path(root, "customerProfileId"))) {
            return error(response, refId, "E00040", "The record cannot be found.");
        }
        return ok(response, refId, "<paymentProfile>" + maskedCard(k, "true".equals(path(root, "unmaskExpirationDate")))
                + "</paymentProfile>");
    }

    private String getCustomer(Element root, String response, String refId) {
        String id = path(root, "customerProfileId");
        String mcid = path(root, "merchantCustomerId");
        String email = path(root, "email");
        List<Customer> found = customers.values().stream().filter(c -> id != null ? c.id.equals(id)
                : mcid != null ? mcid.equals(c.merchantCustomerId) : email != null && email.equalsIgnoreCase(c.email))
                .toList();
        if (found.isEmpty()) {
            return error(response, refId, "E00040", "The record cannot be found.");
        }
        Customer c = found.get(0);
        StringBuilder sb = new StringBuilder("<profile>");
        sb.append(el("merchantCustomerId", c.merchantCustomerId)).append(el("description", c.description))
                .append(el("email", c.email)).append(el("customerProfileId", c.id));
        for (String cardId : c.cards) {
            sb.append("<paymentProfiles>").append(maskedCard(cards.get(cardId),
                    "true".equals(path(root, "unmaskExpirationDate")))).append("</paymentProfiles>");
        }
        return ok(response, refId, sb.append("</profile>").toString());
    }

    private String deleteCard(Element root, String response, String refId) {
        Customer c = customers.get(path(root, "customerProfileId"));
        String id = path(root, "customerPaymentProfileId");
        if (c == null || !c.cards.remove(id)) {
            return error(response, refId, "E00040", "The record cannot be found.");
        }
        cards.remove(id);
        return ok(response, refId, "");
    }

    private String transaction(Element root, String response, String refId) {
        String type = path(root, "transactionRequest", "transactionType");
        Txn t = new Txn();
        t.transId = Long.toString(transIds.incrementAndGet());
        t.type = type;
        t.submitted = Instant.now();
        t.invoiceNumber = path(root, "transactionRequest", "order", "invoiceNumber");
        t.description = path(root, "transactionRequest", "order", "description");
        String amount = path(root, "transactionRequest", "amount");
        t.amount = amount == null ? null : new BigDecimal(amount);
        switch (type == null ? "" : type) {
            case "authCaptureTransaction" -> {
                String customerId = path(root, "transactionRequest", "profile", "customerProfileId");
                String cardId = path(root, "transactionRequest", "profile", "paymentProfile", "paymentProfileId");
                Card k = cards.get(cardId);
                if (k == null || !k.customerId.equals(customerId)) {
                    return error(response, refId, "E00040", "The record cannot be found.");
                }
                t.customerId = customerId;
                t.cardId = cardId;
                t.cardNumber = k.number;
                for (Txn o : txns.values()) {
                    if (o.type.equals(type) && cardId.equals(o.cardId) && o.amount.compareTo(t.amount) == 0
                            && t.invoiceNumber != null && t.invoiceNumber.equals(o.invoiceNumber)
                            && o.submitted.isAfter(t.submitted.minusSeconds(28_800))) {
                        return answer(response, refId, 3, "0", k, "11", "A duplicate transaction has been submitted.");
                    }
                }
                if (k.expiry.isBefore(YearMonth.now(ZoneOffset.UTC))) {
                    return record(t, "generalError", 3, response, refId, k, "8", "The credit card has expired.");
                }
                return switch (k.number) {
                    case DECLINED -> record(t, "declined", 2, response, refId, k, "2",
                            "This transaction has been declined.");
                    case REVIEW -> record(t, "FDSPendingReview", 4, response, refId, k, "252",
                            "Your order has been received. Thank you for your business!");
                    case ERROR_CARD -> record(t, "generalError", 3, response, refId, k, "19",
                            "An error occurred during processing. Please try again in 5 minutes.");
                    default -> record(t, "capturedPendingSettlement", 1, response, refId, k, "1",
                            "This transaction has been approved.");
                };
            }
            case "refundTransaction" -> {
                Txn o = txns.get(path(root, "transactionRequest", "refTransId"));
                String last4 = path(root, "transactionRequest", "payment", "creditCard", "cardNumber");
                if (o == null || !"settledSuccessfully".equals(o.status) || last4 == null
                        || !o.cardNumber.endsWith(last4) || t.amount.compareTo(o.amount) > 0) {
                    return answer(response, refId, 3, "0", null, "54", "The referenced transaction does not meet the"
                            + " criteria for issuing a credit.");
                }
                t.refTransId = o.transId;
                t.customerId = o.customerId;
                t.cardId = o.cardId;
                t.cardNumber = o.cardNumber;
                return record(t, "refundPendingSettlement", 1, response, refId, cards.get(o.cardId), "1",
                        "This transaction has been approved.");
            }
            case "voidTransaction" -> {
                Txn o = txns.get(path(root, "transactionRequest", "refTransId"));
                if (o == null || settled(o)) {
                    return answer(response, refId, 3, "0", null, "16", "The transaction cannot be found.");
                }
                o.status = "voided";
                return answer(response, refId, 1, o.transId, cards.get(o.cardId), "1",
                        "This transaction has been approved.");
            }
            default -> {
                return error(response, refId, "E00003", "The stand-in does not know " + type + ".");
            }
        }
    }

    private String record(Txn t, String status, int code, String response, String refId, Card k, String reason,
                          String text) {
        t.status = status;
        t.responseCode = code;
        txns.put(t.transId, t);
        return answer(response, refId, code, t.transId, k, reason, text);
    }

    private static String answer(String response, String refId, int code, String transId, Card k, String reason,
                                 String text) {
        String tr = "<transactionResponse><responseCode>" + code + "</responseCode><authCode>"
                + (code == 1 ? "QW3RTY" : "") + "</authCode><avsResultCode>Y</avsResultCode><cvvResultCode>P"
                + "</cvvResultCode><cavvResultCode>2</cavvResultCode><transId>" + transId + "</transId><refTransID/>"
                + "<transHash/><testRequest>0</testRequest><accountNumber>" + (k == null ? "" : "XXXX"
                + k.number.substring(k.number.length() - 4)) + "</accountNumber><accountType>" + (k == null ? ""
                : k.number.startsWith("4") ? "Visa" : "MasterCard") + "</accountType>"
                + (code == 1 || code == 4 ? "<messages><message><code>" + reason + "</code><description>" + esc(text)
                + "</description></message></messages>" : "<errors><error><errorCode>" + reason + "</errorCode>"
                + "<errorText>" + esc(text) + "</errorText></error></errors>") + "</transactionResponse>";
        return code == 1 || code == 4 ? ok(response, refId, tr) : error(response, refId, "E00027",
                "The transaction was unsuccessful.", tr);
    }

    private String details(Element root, String response, String refId) {
        Txn t = txns.get(path(root, "transId"));
        if (t == null) {
            return error(response, refId, "E00040", "The record cannot be found.");
        }
        Card k = cards.get(t.cardId);
        String last4 = t.cardNumber == null ? "" : t.cardNumber.substring(t.cardNumber.length() - 4);
        return ok(response, refId, "<transaction>" + el("transId", t.transId) + el("refTransId", t.refTransId)
                + el("submitTimeUTC", t.submitted.toString()) + el("submitTimeLocal", t.submitted.toString()
                .replace("Z", "")) + el("transactionType", t.type) + el("transactionStatus", t.status)
                + el("responseCode", Integer.toString(t.responseCode)) + el("responseReasonCode", "1")
                + el("responseReasonDescription", "Approval") + "<order>" + el("invoiceNumber", t.invoiceNumber)
                + el("description", t.description) + "</order>" + el("authAmount", t.amount == null ? null
                : t.amount.toPlainString()) + el("settleAmount", t.amount == null ? null : t.amount.toPlainString())
                + "<payment><creditCard><cardNumber>XXXX" + last4 + "</cardNumber><expirationDate>XXXX"
                + "</expirationDate><cardType>" + (k == null || k.number.startsWith("4") ? "Visa" : "MasterCard")
                + "</cardType></creditCard></payment>" + (t.customerId == null ? "" : "<profile>"
                + el("customerProfileId", t.customerId) + el("customerPaymentProfileId", t.cardId) + "</profile>")
                + "</transaction>");
    }

    private String list(String response, String refId, List<Txn> l) {
        if (l.isEmpty()) {
            return "<" + response + " xmlns=\"" + NS + "\">" + el("refId", refId) + "<messages><resultCode>Ok"
                    + "</resultCode><message><code>I00004</code><text>No records found.</text></message></messages>"
                    + "<totalNumInResultSet>0</totalNumInResultSet></" + response + ">";
        }
        StringBuilder sb = new StringBuilder("<transactions>");
        List<Txn> newestFirst = new ArrayList<>(l);
        java.util.Collections.reverse(newestFirst);
        for (Txn t : newestFirst) {
            sb.append("<transaction>").append(el("transId", t.transId))
                    .append(el("submitTimeUTC", t.submitted.toString()))
                    .append(el("submitTimeLocal", t.submitted.toString().replace("Z", "")))
                    .append(el("transactionStatus", t.status)).append(el("invoiceNumber", t.invoiceNumber))
                    .append(el("accountType", "Visa")).append(el("accountNumber", t.cardNumber == null ? null
                            : "XXXX" + t.cardNumber.substring(t.cardNumber.length() - 4)))
                    .append(el("settleAmount", t.amount.toPlainString()));
            if (t.customerId != null) {
                sb.append("<profile>").append(el("customerProfileId", t.customerId))
                        .append(el("customerPaymentProfileId", t.cardId)).append("</profile>");
            }
            sb.append("</transaction>");
        }
        return ok(response, refId, sb.append("</transactions><totalNumInResultSet>").append(l.size())
                .append("</totalNumInResultSet>").toString());
    }

    private static String ok(String response, String refId, String rest) {
        return "<" + response + " xmlns=\"" + NS + "\">" + el("refId", refId) + "<messages><resultCode>Ok</resultCode>"
                + "<message><code>I00001</code><text>Successful.</text></message></messages>" + rest + "</" + response
                + ">";
    }

    private static String error(String response, String refId, String code, String text) {
        return error(response, refId, code, text, "");
    }

    private static String error(String response, String refId, String code, String text, String rest) {
        return "<" + response + " xmlns=\"" + NS + "\">" + el("refId", refId) + "<messages><resultCode>Error"
                + "</resultCode><message><code>" + code + "</code><text>" + esc(text) + "</text></message></messages>"
                + rest + "</" + response + ">";
    }

    private static String el(String name, String value) {
        return value == null ? "" : "<" + name + ">" + esc(value) + "</" + name + ">";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The text of the first element along a path of child names, or null. */
    private static String path(Element root, String... names) {
        Element e = root;
        for (String n : names) {
            Element next = null;
            for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c instanceof Element x && n.equals(x.getLocalName())) {
                    next = x;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            e = next;
        }
        return e.getTextContent();
    }
}
