package dev.ledgerbridge.payment.authorizenet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledgerbridge.payment.CustomerRef;
import dev.ledgerbridge.payment.GatewayCharge;
import dev.ledgerbridge.payment.GatewayCustomer;
import dev.ledgerbridge.payment.GatewayEvent;
import dev.ledgerbridge.payment.GatewayRefund;
import dev.ledgerbridge.payment.GatewayResult;
import dev.ledgerbridge.payment.HostedFields;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentGateway;
import dev.ledgerbridge.payment.TokenizedCard;
import dev.ledgerbridge.payment.WebhookRejected;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.authorize.api.contract.v1.ANetApiResponse;
import net.authorize.api.contract.v1.ArrayOfSetting;
import net.authorize.api.contract.v1.CreateCustomerPaymentProfileRequest;
import net.authorize.api.contract.v1.CreateCustomerPaymentProfileResponse;
import net.authorize.api.contract.v1.CreateCustomerProfileRequest;
import net.authorize.api.contract.v1.CreateCustomerProfileResponse;
import net.authorize.api.contract.v1.CreateTransactionRequest;
import net.authorize.api.contract.v1.CreateTransactionResponse;
import net.authorize.api.contract.v1.CreditCardMaskedType;
import net.authorize.api.contract.v1.CreditCardType;
import net.authorize.api.contract.v1.CustomerPaymentProfileMaskedType;
import net.authorize.api.contract.v1.CustomerPaymentProfileType;
import net.authorize.api.contract.v1.CustomerProfileMaskedType;
import net.authorize.api.contract.v1.CustomerProfilePaymentType;
import net.authorize.api.contract.v1.CustomerProfileType;
import net.authorize.api.contract.v1.DeleteCustomerPaymentProfileRequest;
import net.authorize.api.contract.v1.GetCustomerPaymentProfileRequest;
import net.authorize.api.contract.v1.GetCustomerPaymentProfileResponse;
import net.authorize.api.contract.v1.GetCustomerProfileRequest;
import net.authorize.api.contract.v1.GetCustomerProfileResponse;
import net.authorize.api.contract.v1.GetTransactionDetailsRequest;
import net.authorize.api.contract.v1.GetTransactionDetailsResponse;
import net.authorize.api.contract.v1.GetTransactionListForCustomerRequest;
import net.authorize.api.contract.v1.GetTransactionListResponse;
import net.authorize.api.contract.v1.GetUnsettledTransactionListRequest;
import net.authorize.api.contract.v1.GetUnsettledTransactionListResponse;
import net.authorize.api.contract.v1.OpaqueDataType;
import net.authorize.api.contract.v1.OrderType;
import net.authorize.api.contract.v1.Paging;
import net.authorize.api.contract.v1.PaymentProfile;
import net.authorize.api.contract.v1.PaymentType;
import net.authorize.api.contract.v1.SettingType;
import net.authorize.api.contract.v1.TransactionDetailsType;
import net.authorize.api.contract.v1.TransactionListOrderFieldEnum;
import net.authorize.api.contract.v1.TransactionListSorting;
import net.authorize.api.contract.v1.TransactionRequestType;
import net.authorize.api.contract.v1.TransactionResponse;
import net.authorize.api.contract.v1.TransactionSummaryType;
import net.authorize.api.contract.v1.TransactionTypeEnum;
import net.authorize.api.contract.v1.ValidationModeEnum;
import net.authorize.api.controller.CreateCustomerPaymentProfileController;
import net.authorize.api.controller.CreateCustomerProfileController;
import net.authorize.api.controller.CreateTransactionController;
import net.authorize.api.controller.DeleteCustomerPaymentProfileController;
import net.authorize.api.controller.GetCustomerPaymentProfileController;
import net.authorize.api.controller.GetCustomerProfileController;
import net.authorize.api.controller.GetTransactionDetailsController;
import net.authorize.api.controller.GetTransactionListForCustomerController;
import net.authorize.api.controller.GetUnsettledTransactionListController;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One company's Authorize.Net account through the official SDK. A customer is a CIM customer profile whose
 * merchantCustomerId is the QuickBooks ListID; a card is a payment profile made from the opaque data Accept.js returned
 * in the browser (the number goes to Authorize.Net, never here). A charge is an authCaptureTransaction on the profile
 * whose refId and invoice number are the attempt's reference ({@link #reference}: the Ledgerbridge payment and a hash
 * of its key, 20 characters as Authorize.Net allows), with the QuickBooks invoice numbers in the description and a
 * duplicate window that makes Authorize.Net refuse the same charge sent again. Authorize.Net has no idempotency keys:
 * a charge whose answer was lost is looked for by its invoice number in the profile's settled transactions and in the
 * unsettled ones before anything is sent again. A refund of a charge not settled yet is a void of the whole.
 */
final class AuthorizeNetGateway implements PaymentGateway {
    private static final Logger log = LoggerFactory.getLogger(AuthorizeNetGateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What fields.js posts back: Accept.js's opaque data. */
    static final List<String> RESULT_FIELDS = List.of("dataDescriptor", "dataValue");
    static final String ACCEPT_DESCRIPTOR = "COMMON.ACCEPT.INAPP.PAYMENT";
    /** Longest window Authorize.Net allows for refusing a transaction sent again with the same details: 8 hours. */
    static final String DUPLICATE_WINDOW_SECONDS = "28800";
    private static final Pattern REFERENCE = Pattern.compile("LB(\\d{1,15})-[A-Z2-7]{2,}");
    private static final Pattern DUPLICATE_ID = Pattern.compile("ID (\\d+)");
    /** Statuses of a charge not settled yet: returning money is a void of the whole. */
    private static final Set<String> UNSETTLED = Set.of("capturedPendingSettlement", "authorizedPendingCapture",
            "FDSPendingReview", "FDSAuthorizedPendingReview", "underReview", "authorizedPendingRelease");

    /** A company's Authorize.Net account, without its Transaction Key (that stays in the API client). */
    record Account(String apiLoginId, String clientKey, String signatureKey, boolean sandbox) {
        @Override
        public String toString() {
            return "Account[" + (sandbox ? "sandbox" : "production") + "]";
        }
    }

    private final Account account;
    private final AnetApi api;
    private final String acceptJsUrl;
    private final String validationMode;

    AuthorizeNetGateway(Account account, AnetApi api, String acceptJsUrl, String validationMode) {
        this.account = account;
        this.api = api;
        this.acceptJsUrl = acceptJsUrl;
        this.validationMode = validationMode;
    }

    @Override
    public String name() {
        return AuthorizeNetProvider.NAME;
    }

    @Override
    public String label() {
        return "Authorize.Net";
    }

    @Override
    public String testLabel() {
        return account.sandbox() ? "Authorize.Net sandbox" : null;
    }

    @Override
    public boolean isSandbox() {
        return false;
    }

    @Override
    public String account() {
        return (account.sandbox() ? "sandbox:" : "production:") + account.apiLoginId();
    }

    // ---- customers and cards -----------------------------------------------------------------------------------

    @Override
    public String customerProfile(CustomerRef c) {
        CustomerProfileType p = new CustomerProfileType();
        p.setMerchantCustomerId(AnetApi.cut(c.listId(), 20));
        p.setDescription(c.name() == null ? null : AnetApi.cut(c.name(), 255));
        c.firstEmail(255).ifPresent(p::setEmail);
        CreateCustomerProfileRequest r = new CreateCustomerProfileRequest();
        r.setProfile(p);
        r.setValidationMode(ValidationModeEnum.NONE);
        try {
            CreateCustomerProfileResponse made = api.call(r, CreateCustomerProfileController::new);
            if (AnetApi.ok(made)) {
                log.info("Authorize.Net customer profile {} made for customer {} of company {}",
                        made.getCustomerProfileId(), c.listId(), c.companyId());
                return made.getCustomerProfileId();
            }
            if ("E00039".equals(AnetApi.code(made))) {
                // a profile with this merchantCustomerId exists: it is this customer's
                Matcher m = DUPLICATE_ID.matcher(AnetApi.text(made));
                if (m.find()) {
                    log.info("Authorize.Net customer profile {} already held customer {} of company {}", m.group(1),
                            c.listId(), c.companyId());
                    return m.group(1);
                }
            }
            throw new PaymentException("The customer could not be made at Authorize.Net: " + AnetApi.text(made));
        } catch (AnetApi.Refused e) {
            throw refused("The customer could not be made at Authorize.Net", e);
        } catch (AnetApi.Unanswered e) {
            throw new PaymentException("The customer could not be made at Authorize.Net: " + e.getMessage() + ".");
        }
    }


    @Override
    public HostedFields hostedFields(String customerProfileId) {
        return new HostedFields(name(), acceptJsUrl, Map.of("apiLoginId", account.apiLoginId(), "clientKey",
                account.clientKey()), List.of(HostedFields.origin(acceptJsUrl)), List.of(HostedFields.origin(acceptJsUrl)),
                List.of(HostedFields.origin(api.endpoint())), RESULT_FIELDS);
    }


    /**
     * Saves the card from Accept.js's opaque data ({@code dataDescriptor} and {@code dataValue}, or the same under
     * {@code opaqueData.}) as a payment profile of the customer profile, checked as authorizenet.validation.mode says.
     */
    @Override
    public TokenizedCard saveHosted(String customerProfileId, Map<String, String> result) {
        String descriptor = result.getOrDefault("dataDescriptor", result.get("opaqueData.dataDescriptor"));
        String value = result.getOrDefault("dataValue", result.get("opaqueData.dataValue"));
        if (descriptor == null || value == null || !descriptor.matches("[A-Z.]{1,60}")
                || !value.matches("[A-Za-z0-9+/=_.:-]{1,8192}")) {
            throw new PaymentException("Authorize.Net saves a card from \"opaqueData\": {\"dataDescriptor\","
                    + " \"dataValue\"}, what Accept.js returned.");
        }
        OpaqueDataType opaque = new OpaqueDataType();
        opaque.setDataDescriptor(descriptor);
        opaque.setDataValue(value);
        PaymentType payment = new PaymentType();
        payment.setOpaqueData(opaque);
        CustomerPaymentProfileType pp = new CustomerPaymentProfileType();
        pp.setPayment(payment);
        CreateCustomerPaymentProfileRequest r = new CreateCustomerPaymentProfileRequest();
        r.setCustomerProfileId(customerProfileId);
        r.setPaymentProfile(pp);
        r.setValidationMode(ValidationModeEnum.fromValue(validationMode));
        try {
            CreateCustomerPaymentProfileResponse made = api.call(r, CreateCustomerPaymentProfileController::new);
            String id = made.getCustomerPaymentProfileId();
            if (!AnetApi.ok(made) && !("E00039".equals(AnetApi.code(made)) && id != null)) {
                throw new PaymentException("Authorize.Net did not save the card: " + reason(made));
            }
            return card(payment(customerProfileId, id));
        } catch (AnetApi.Refused e) {
            throw refused("Authorize.Net did not save the card", e);
        } catch (AnetApi.Unanswered e) {
            throw new PaymentException("Authorize.Net did not save the card: " + e.getMessage() + "; try again.");
        }
    }

    /** The text of an answer with an error, the card's bank's reason first when a validation carried one. */
    private static String reason(CreateCustomerPaymentProfileResponse r) {
        String direct = r.getValidationDirectResponse();
        if (direct != null) {
            String[] f = direct.split(",", -1);
            if (f.length > 3 && !f[0].equals("1")) {
                return f[3] + " (" + AnetApi.text(r) + ")";
            }
        }
        return AnetApi.text(r);
    }

    private CustomerPaymentProfileMaskedType payment(String customerProfileId, String paymentProfileId)
            throws AnetApi.Unanswered, AnetApi.Refused {
        GetCustomerPaymentProfileRequest r = new GetCustomerPaymentProfileRequest();
        r.setCustomerProfileId(customerProfileId);
        r.setCustomerPaymentProfileId(paymentProfileId);
        r.setUnmaskExpirationDate(true);
        GetCustomerPaymentProfileResponse got = api.call(r, GetCustomerPaymentProfileController::new);
        if (!AnetApi.ok(got) || got.getPaymentProfile() == null) {
            throw new PaymentException("Authorize.Net did not show the saved card: " + AnetApi.text(got));
        }
        CustomerPaymentProfileMaskedType p = got.getPaymentProfile();
        if (p.getCustomerPaymentProfileId() == null) {
            p.setCustomerPaymentProfileId(paymentProfileId);
        }
        return p;
    }

    /** What is kept of a payment profile: its id, card type, last four digits and expiry. */
    private static TokenizedCard card(CustomerPaymentProfileMaskedType p) {
        CreditCardMaskedType cc = p.getPayment() == null ? null : p.getPayment().getCreditCard();
        if (cc == null) {
            throw new PaymentException("Only cards can be saved (payment profile " + p.getCustomerPaymentProfileId()
                    + " is not a card).");
        }
        String digits = cc.getCardNumber() == null ? "" : cc.getCardNumber().replaceAll("\\D", "");
        String last4 = digits.length() >= 4 ? digits.substring(digits.length() - 4) : digits;
        int month = 0;
        int year = 0;
        Matcher m = Pattern.compile("(\\d{4})-(\\d{2})").matcher(cc.getExpirationDate() == null ? ""
                : cc.getExpirationDate());
        if (m.matches()) {
            year = Integer.parseInt(m.group(1));
            month = Integer.parseInt(m.group(2));
        }
        return new TokenizedCard(p.getCustomerPaymentProfileId(), brand(cc.getCardType()), last4, month, year);
    }

    static String brand(String cardType) {
        return switch (cardType == null ? "" : cardType.toLowerCase(Locale.ROOT).replace(" ", "")) {
            case "visa" -> "Visa";
            case "mastercard" -> "Mastercard";
            case "americanexpress", "amex" -> "Amex";
            case "discover" -> "Discover";
            case "dinersclub" -> "Diners";
            case "jcb" -> "JCB";
            default -> "Card";
        };
    }

    @Override
    public String findPrompt() {
        return "Customer profile id, merchantCustomerId or email";
    }

    /**
     * The CIM customer whose profile id (digits), email (with an @) or merchantCustomerId (anything else) is the query;
     * empty when there is none.
     */
    @Override
    public List<GatewayCustomer> findCustomers(String query) {
        GetCustomerProfileRequest r = new GetCustomerProfileRequest();
        if (query.matches("\\d{1,20}")) {
            r.setCustomerProfileId(query);
        } else if (query.contains("@")) {
            r.setEmail(query);
        } else {
            r.setMerchantCustomerId(AnetApi.cut(query, 20));
        }
        List<GatewayCustomer> found = new ArrayList<>();
        profile(r).ifPresent(p -> found.add(new GatewayCustomer(p.getCustomerProfileId(),
                p.getDescription() != null ? p.getDescription() : p.getMerchantCustomerId(), p.getEmail())));
        if (found.isEmpty() && query.matches("\\d{1,20}")) {
            // a ListID-like merchantCustomerId can be all digits too
            GetCustomerProfileRequest byId = new GetCustomerProfileRequest();
            byId.setMerchantCustomerId(query);
            profile(byId).ifPresent(p -> found.add(new GatewayCustomer(p.getCustomerProfileId(),
                    p.getDescription() != null ? p.getDescription() : p.getMerchantCustomerId(), p.getEmail())));
        }
        return found;
    }

    private Optional<CustomerProfileMaskedType> profile(GetCustomerProfileRequest r) {
        r.setUnmaskExpirationDate(true);
        try {
            GetCustomerProfileResponse got = api.call(r, GetCustomerProfileController::new);
            if (AnetApi.ok(got) && got.getProfile() != null) {
                return Optional.of(got.getProfile());
            }
            if ("E00040".equals(AnetApi.code(got))) {
                return Optional.empty();
            }
            throw new PaymentException("Authorize.Net could not be searched: " + AnetApi.text(got));
        } catch (AnetApi.Refused e) {
            if ("E00040".equals(e.code)) {
                return Optional.empty();
            }
            throw refused("Authorize.Net could not be searched", e);
        } catch (AnetApi.Unanswered e) {
            throw new PaymentException("Authorize.Net could not be searched: " + e.getMessage() + ".");
        }
    }

    @Override
    public List<TokenizedCard> savedCards(String customerProfileId) {
        if (customerProfileId == null || !customerProfileId.matches("\\d{1,20}")) {
            throw new PaymentException("An Authorize.Net customer profile id is digits, e.g. 1512345678.");
        }
        GetCustomerProfileRequest r = new GetCustomerProfileRequest();
        r.setCustomerProfileId(customerProfileId);
        var p = profile(r).orElseThrow(() -> new PaymentException("Authorize.Net has no customer profile "
                + customerProfileId + "."));
        List<TokenizedCard> cards = new ArrayList<>();
        for (CustomerPaymentProfileMaskedType pp : p.getPaymentProfiles()) {
            if (pp.getPayment() != null && pp.getPayment().getCreditCard() != null) {
                cards.add(card(pp));
            }
        }
        return cards;
    }

    @Override
    public void deletePaymentMethod(String customerProfileId, String token) {
        DeleteCustomerPaymentProfileRequest r = new DeleteCustomerPaymentProfileRequest();
        r.setCustomerProfileId(customerProfileId);
        r.setCustomerPaymentProfileId(token);
        try {
            ANetApiResponse done = api.call(r, DeleteCustomerPaymentProfileController::new);
            if (!AnetApi.ok(done) && !"E00040".equals(AnetApi.code(done))) {
                throw new PaymentException("Authorize.Net did not remove the card: " + AnetApi.text(done));
            }
        } catch (AnetApi.Refused e) {
            if (!"E00040".equals(e.code)) {
                throw refused("Authorize.Net did not remove the card", e);
            }
            log.info("Authorize.Net payment profile {} was already gone", token);
        } catch (AnetApi.Unanswered e) {
            throw new PaymentException("Authorize.Net did not remove the card: " + e.getMessage() + ".");
        }
    }

    // ---- charges and refunds -----------------------------------------------------------------------------------

    /**
     * The attempt's reference at Authorize.Net, its refId and invoice number (20 characters at most): "LB", the
     * Ledgerbridge payment's number, and a hash of the attempt's key, the same on every try, so a charge whose answer
     * was lost is found by it and a webhook names its payment.
     */
    static String reference(String key, Map<String, String> metadata) {
        String payment = metadata.get("ledgerbridge_payment");
        String head = payment != null && payment.matches("\\d{1,15}") ? "LB" + payment + "-" : "LB0-";
        String hash = base32(sha256(key));
        return head + hash.substring(0, Math.max(2, 20 - head.length()));
    }

    /** The Ledgerbridge payment a reference names, if it is one. */
    static Long paymentOf(String reference) {
        Matcher m = reference == null ? null : REFERENCE.matcher(reference);
        return m != null && m.matches() ? Long.valueOf(m.group(1)) : null;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base32(byte[] b) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder sb = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte x : b) {
            buffer = (buffer << 8) | (x & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return sb.toString();
    }

    @Override
    public GatewayResult charge(GatewayCharge c) {
        if (c.amount().scale() > 2 && c.amount().stripTrailingZeros().scale() > 2) {
            return GatewayResult.declined(null, "Not sent to Authorize.Net: amounts have 2 decimals at most.");
        }
        String ref = reference(c.key(), c.metadata());
        TransactionRequestType t = new TransactionRequestType();
        t.setTransactionType(TransactionTypeEnum.AUTH_CAPTURE_TRANSACTION.value());
        t.setAmount(c.amount().setScale(2, RoundingMode.UNNECESSARY));
        CustomerProfilePaymentType profile = new CustomerProfilePaymentType();
        profile.setCustomerProfileId(c.customerProfileId());
        PaymentProfile pp = new PaymentProfile();
        pp.setPaymentProfileId(c.token());
        profile.setPaymentProfile(pp);
        t.setProfile(profile);
        t.setOrder(order(ref, description(c)));
        ArrayOfSetting settings = new ArrayOfSetting();
        SettingType window = new SettingType();
        window.setSettingName("duplicateWindow");
        window.setSettingValue(DUPLICATE_WINDOW_SECONDS);
        settings.getSetting().add(window);
        t.setTransactionSettings(settings);
        CreateTransactionRequest r = new CreateTransactionRequest();
        r.setRefId(ref);
        r.setTransactionRequest(t);
        try {
            return result(api.call(r, CreateTransactionController::new), "charge");
        } catch (AnetApi.Refused e) {
            return GatewayResult.declined(null, "Authorize.Net refused the charge (" + e.code + "): " + e.getMessage());
        } catch (AnetApi.Unanswered e) {
            log.warn("Authorize.Net charge {} unanswered: {}", ref, e.getMessage());
            return GatewayResult.error(e.getMessage() + "; the outcome is unknown. Ask the gateway again: the"
                    + " customer profile's transactions are searched before anything is sent again.");
        }
    }

    /** "Invoices 1001, 1002 (Ledgerbridge payment #12)", at most 255 characters. */
    static String description(GatewayCharge c) {
        String tail = " (" + c.description().replaceFirst(" \\(.*\\)$", "") + ")";
        if (c.invoiceNumbers().isEmpty()) {
            return AnetApi.cut("Deposit" + tail, 255);
        }
        String head = c.invoiceNumbers().size() == 1 ? "Invoice " : "Invoices ";
        String more = ", ...";
        int room = 255 - head.length() - tail.length();
        StringBuilder all = new StringBuilder();
        for (String n : c.invoiceNumbers()) {
            String next = (all.isEmpty() ? "" : ", ") + n;
            if (all.length() + next.length() + more.length() > room) {
                all.append(more);
                break;
            }
            all.append(next);
        }
        return AnetApi.cut(head + all + tail, 255);
    }

    private static OrderType order(String invoiceNumber, String description) {
        OrderType o = new OrderType();
        o.setInvoiceNumber(invoiceNumber);
        o.setDescription(description);
        return o;
    }

    /** What a transaction's answer means here: response code 1, 2, 3 or 4, with the gateway's reason. */
    static GatewayResult result(CreateTransactionResponse resp, String what) {
        TransactionResponse tr = resp.getTransactionResponse();
        if (tr == null || tr.getResponseCode() == null) {
            // refused before any transaction was made (bad credentials, an unknown profile, ...)
            return GatewayResult.declined(null, "Authorize.Net refused the " + what + " (" + AnetApi.text(resp) + ").");
        }
        String transId = tr.getTransId() == null || tr.getTransId().matches("0*") ? null : tr.getTransId();
        String reason = reason(tr);
        return switch (tr.getResponseCode()) {
            case "1" -> GatewayResult.approved(transId, "Approved" + (tr.getAuthCode() == null
                    || tr.getAuthCode().isBlank() ? "" : " (authorization " + tr.getAuthCode() + ")"));
            case "2" -> GatewayResult.declined(transId, "Declined: " + reason);
            case "4" -> GatewayResult.held(transId, "Held for review at Authorize.Net: " + reason + " It is posted to"
                    + " QuickBooks once approved there.");
            default -> new GatewayResult(GatewayResult.Outcome.ERROR, transId, "Error at Authorize.Net: " + reason);
        };
    }

    private static String reason(TransactionResponse tr) {
        if (tr.getErrors() != null && !tr.getErrors().getError().isEmpty()) {
            var e = tr.getErrors().getError().get(0);
            return e.getErrorText() + " (reason " + e.getErrorCode() + ")";
        }
        if (tr.getMessages() != null && !tr.getMessages().getMessage().isEmpty()) {
            var m = tr.getMessages().getMessage().get(0);
            return m.getDescription() + " (reason " + m.getCode() + ")";
        }
        return "no reason given.";
    }

    /**
     * Returns money of a charge: a charge Authorize.Net has settled is refunded (any part of it); one not settled yet
     * is voided, which returns all of it, so a part of an unsettled charge is refused until it settles.
     */
    @Override
    public GatewayResult refund(GatewayRefund r) {
        if (r.chargeReference() == null || !r.chargeReference().matches("\\d{1,20}")) {
            return GatewayResult.declined(null, "There is no Authorize.Net transaction to refund.");
        }
        String ref = reference(r.key(), r.metadata());
        TransactionDetailsType charge;
        try {
            charge = details(r.chargeReference());
        } catch (AnetApi.Refused e) {
            return GatewayResult.declined(null, "Authorize.Net did not find transaction " + r.chargeReference() + " ("
                    + e.code + ": " + e.getMessage() + ").");
        } catch (AnetApi.Unanswered e) {
            return GatewayResult.declined(null, "Nothing was returned: Authorize.Net could not be asked about the"
                    + " charge (" + e.getMessage() + "); try again.");
        }
        String status = charge.getTransactionStatus() == null ? "" : charge.getTransactionStatus();
        TransactionRequestType t = new TransactionRequestType();
        t.setRefTransId(r.chargeReference());
        if (UNSETTLED.contains(status)) {
            if (r.amount().compareTo(r.chargedAmount()) != 0) {
                return GatewayResult.declined(null, "The charge has not settled at Authorize.Net yet, and before it"
                        + " settles only all of it can be returned (a void). Return all of it, or this part once it has"
                        + " settled (usually the next day).");
            }
            t.setTransactionType(TransactionTypeEnum.VOID_TRANSACTION.value());
        } else if ("settledSuccessfully".equals(status)) {
            t.setTransactionType(TransactionTypeEnum.REFUND_TRANSACTION.value());
            t.setAmount(r.amount().setScale(2, RoundingMode.UNNECESSARY));
            CreditCardType card = new CreditCardType();
            String masked = charge.getPayment() == null || charge.getPayment().getCreditCard() == null ? ""
                    : charge.getPayment().getCreditCard().getCardNumber();
            String digits = masked == null ? "" : masked.replaceAll("\\D", "");
            card.setCardNumber(digits.length() >= 4 ? digits.substring(digits.length() - 4) : digits);
            card.setExpirationDate("XXXX");
            PaymentType payment = new PaymentType();
            payment.setCreditCard(card);
            t.setPayment(payment);
            t.setOrder(order(ref, "Refund of transaction " + r.chargeReference()));
        } else {
            return GatewayResult.declined(null, "Authorize.Net cannot return money of this charge: it is " + status
                    + ".");
        }
        CreateTransactionRequest req = new CreateTransactionRequest();
        req.setRefId(ref);
        req.setTransactionRequest(t);
        boolean isVoid = t.getTransactionType().equals(TransactionTypeEnum.VOID_TRANSACTION.value());
        try {
            GatewayResult g = result(api.call(req, CreateTransactionController::new), isVoid ? "void" : "refund");
            if (g.outcome() == GatewayResult.Outcome.APPROVED) {
                return GatewayResult.approved(g.reference() != null ? g.reference() : r.chargeReference(), isVoid
                        ? "Voided: the charge had not settled, so it never reaches the card" : "Refunded");
            }
            return g;
        } catch (AnetApi.Refused e) {
            return GatewayResult.declined(null, "Authorize.Net refused the " + (isVoid ? "void" : "refund") + " ("
                    + e.code + "): " + e.getMessage());
        } catch (AnetApi.Unanswered e) {
            return GatewayResult.error(e.getMessage() + "; the outcome is unknown. Ask the gateway again: it is asked"
                    + " what it did before anything is sent again.");
        }
    }

    private TransactionDetailsType details(String transId) throws AnetApi.Unanswered, AnetApi.Refused {
        GetTransactionDetailsRequest r = new GetTransactionDetailsRequest();
        r.setTransId(transId);
        GetTransactionDetailsResponse got = api.call(r, GetTransactionDetailsController::new);
        if (!AnetApi.ok(got) || got.getTransaction() == null) {
            throw new AnetApi.Refused(AnetApi.code(got), AnetApi.text(got));
        }
        return got.getTransaction();
    }

    @Override
    public Optional<GatewayResult> lookup(GatewayCharge c) {
        String ref = reference(c.key(), c.metadata());
        return find(c.customerProfileId(), ref).map(t -> status(t.getTransId(), t.getTransactionStatus()));
    }

    @Override
    public Optional<GatewayResult> lookup(GatewayRefund r) {
        String ref = reference(r.key(), r.metadata());
        try {
            if (r.chargeReference() != null && r.chargeReference().matches("\\d{1,20}")) {
                TransactionDetailsType charge = details(r.chargeReference());
                if ("voided".equals(charge.getTransactionStatus())) {
                    return Optional.of(GatewayResult.approved(r.chargeReference(), "Voided: the charge had not"
                            + " settled, so it never reaches the card"));
                }
            }
        } catch (AnetApi.Refused | AnetApi.Unanswered e) {
            throw new PaymentException("Authorize.Net could not be asked about the charge (" + e.getMessage() + ")");
        }
        return find(r.customerProfileId(), ref).map(t -> status(t.getTransId(), t.getTransactionStatus()));
    }

    /**
     * The transaction with this invoice number: among the customer profile's (settled) transactions, then among the
     * account's unsettled ones of that profile.
     */
    private Optional<TransactionSummaryType> find(String customerProfileId, String invoiceNumber) {
        try {
            if (customerProfileId != null) {
                GetTransactionListForCustomerRequest r = new GetTransactionListForCustomerRequest();
                r.setCustomerProfileId(customerProfileId);
                r.setSorting(newestFirst());
                r.setPaging(page(1));
                GetTransactionListResponse got = api.call(r, GetTransactionListForCustomerController::new);
                Optional<TransactionSummaryType> t = match(got.getTransactions() == null ? List.of()
                        : got.getTransactions().getTransaction(), invoiceNumber, null);
                if (t.isPresent()) {
                    return t;
                }
                if (!AnetApi.ok(got) && !"I00004".equals(AnetApi.code(got)) && !"E00040".equals(AnetApi.code(got))) {
                    throw new PaymentException("Authorize.Net did not list the profile's transactions: "
                            + AnetApi.text(got));
                }
            }
            for (int offset = 1; offset <= 20; offset++) {
                GetUnsettledTransactionListRequest r = new GetUnsettledTransactionListRequest();
                r.setSorting(newestFirst());
                r.setPaging(page(offset));
                GetUnsettledTransactionListResponse got = api.call(r, GetUnsettledTransactionListController::new);
                List<TransactionSummaryType> l = got.getTransactions() == null ? List.of()
                        : got.getTransactions().getTransaction();
                Optional<TransactionSummaryType> t = match(l, invoiceNumber, customerProfileId);
                if (t.isPresent() || l.size() < 1000) {
                    return t;
                }
            }
            return Optional.empty();
        } catch (AnetApi.Refused e) {
            if ("E00040".equals(e.code)) {
                return Optional.empty();
            }
            throw new PaymentException("Authorize.Net could not be asked (" + e.code + ": " + e.getMessage() + ")");
        } catch (AnetApi.Unanswered e) {
            throw new PaymentException("Authorize.Net could not be asked: " + e.getMessage());
        }
    }

    private static Optional<TransactionSummaryType> match(List<TransactionSummaryType> l, String invoiceNumber,
                                                          String customerProfileId) {
        return l.stream().filter(t -> invoiceNumber.equals(t.getInvoiceNumber()))
                .filter(t -> customerProfileId == null || t.getProfile() == null
                        || customerProfileId.equals(t.getProfile().getCustomerProfileId()))
                .findFirst();
    }

    private static TransactionListSorting newestFirst() {
        TransactionListSorting s = new TransactionListSorting();
        s.setOrderBy(TransactionListOrderFieldEnum.SUBMIT_TIME_UTC);
        s.setOrderDescending(true);
        return s;
    }

    private static Paging page(int offset) {
        Paging p = new Paging();
        p.setLimit(1000);
        p.setOffset(offset);
        return p;
    }

    /** What a transaction's status in Authorize.Net's lists means here. */
    static GatewayResult status(String transId, String status) {
        String s = status == null ? "" : status;
        return switch (s) {
            case "capturedPendingSettlement", "settledSuccessfully", "refundPendingSettlement",
                 "refundSettledSuccessfully", "approvedReview" -> GatewayResult.approved(transId, "Approved (found at"
                    + " Authorize.Net: " + s + ")");
            case "FDSPendingReview", "FDSAuthorizedPendingReview", "underReview", "authorizedPendingCapture",
                 "authorizedPendingRelease" -> GatewayResult.held(transId, "Held for review at Authorize.Net (" + s
                    + "); it is posted to QuickBooks once approved there.");
            case "declined", "voided", "expired", "failedReview", "returnedItem" -> GatewayResult.declined(transId,
                    "Declined at Authorize.Net (" + s + ").");
            default -> new GatewayResult(GatewayResult.Outcome.ERROR, transId, "Error at Authorize.Net (" + s + ").");
        };
    }

    // ---- webhooks ----------------------------------------------------------------------------------------------

    /**
     * Verifies X-ANET-Signature ("sha512=" and the HMAC-SHA512 of the body with the Signature Key, in hex) and reads
     * the notification. A payment notification is checked against the transaction's details at Authorize.Net, which
     * also name the customer profile and the Ledgerbridge payment (its invoice number).
     */
    @Override
    public GatewayEvent verifyWebhook(String payload, Function<String, String> headers) {
        if (account.signatureKey() == null) {
            throw new WebhookRejected("No Authorize.Net Signature Key is set for this company.");
        }
        String header = headers.apply("X-ANET-Signature");
        if (header == null || header.isBlank()) {
            throw new WebhookRejected("The X-ANET-Signature header is missing.");
        }
        String given = header.trim().toLowerCase(Locale.ROOT);
        if (!given.startsWith("sha512=")) {
            throw new WebhookRejected("The X-ANET-Signature is not sha512=...");
        }
        byte[] expected = HexFormat.of().formatHex(hmac(account.signatureKey(), payload)).getBytes(
                StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given.substring(7).getBytes(StandardCharsets.US_ASCII))) {
            throw new WebhookRejected("The X-ANET-Signature does not match.");
        }
        JsonNode n;
        try {
            n = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new WebhookRejected("The body is not an Authorize.Net notification.");
        }
        String id = str(n, "notificationId");
        String type = str(n, "eventType");
        if (id == null || type == null || !n.path("payload").isObject()) {
            throw new WebhookRejected("The body is not an Authorize.Net notification.");
        }
        JsonNode p = n.path("payload");
        String transId = "transaction".equals(str(p, "entityName")) ? str(p, "id") : null;
        BigDecimal amount = p.path("authAmount").isNumber() ? p.path("authAmount").decimalValue()
                .setScale(2, RoundingMode.HALF_UP) : null;
        String code = str(p, "responseCode");
        GatewayEvent.Kind kind = switch (type) {
            case "net.authorize.payment.authcapture.created", "net.authorize.payment.priorAuthCapture.created",
                 "net.authorize.payment.capture.created" -> "1".equals(code) ? GatewayEvent.Kind.CHARGE_SUCCEEDED
                    : "2".equals(code) ? GatewayEvent.Kind.CHARGE_FAILED : GatewayEvent.Kind.OTHER;
            case "net.authorize.payment.fraud.approved" -> GatewayEvent.Kind.CHARGE_SUCCEEDED;
            case "net.authorize.payment.fraud.declined" -> GatewayEvent.Kind.CHARGE_FAILED;
            case "net.authorize.payment.refund.created", "net.authorize.payment.void.created" ->
                    GatewayEvent.Kind.REFUNDED;
            default -> GatewayEvent.Kind.OTHER;
        };
        String profileId = null;
        Long payment = null;
        String summary = summary(type, code, amount);
        if (transId != null && kind != GatewayEvent.Kind.OTHER) {
            try {
                TransactionDetailsType d = details(transId);
                profileId = d.getProfile() == null ? null : d.getProfile().getCustomerProfileId();
                String invoice = d.getOrder() == null ? null : d.getOrder().getInvoiceNumber();
                if (kind == GatewayEvent.Kind.REFUNDED) {
                    transId = d.getRefTransId() != null ? d.getRefTransId() : transId;
                } else {
                    payment = paymentOf(invoice);
                    GatewayResult now = status(transId, d.getTransactionStatus());
                    if (now.outcome() == GatewayResult.Outcome.HELD) {
                        kind = GatewayEvent.Kind.OTHER; // not decided at Authorize.Net yet, whatever the event said
                    }
                }
            } catch (AnetApi.Refused | AnetApi.Unanswered e) {
                log.warn("Authorize.Net notification {}: transaction {} could not be read: {}", id, transId,
                        e.getMessage());
            }
        }
        return new GatewayEvent(id, type, kind, transId, null, profileId, amount, null, summary, payment);
    }

    private static String summary(String type, String code, BigDecimal amount) {
        String money = amount == null ? "" : " " + amount.toPlainString();
        return switch (type) {
            case "net.authorize.payment.authcapture.created" -> "1".equals(code)
                    ? "Payment of" + money + " approved at Authorize.Net."
                    : "Payment" + money + " not approved at Authorize.Net (response code " + code + ").";
            case "net.authorize.payment.fraud.approved" -> "Payment" + money + " approved after review at"
                    + " Authorize.Net.";
            case "net.authorize.payment.fraud.declined" -> "Payment" + money + " declined after review at"
                    + " Authorize.Net.";
            case "net.authorize.payment.fraud.held" -> "Payment" + money + " held for review at Authorize.Net.";
            case "net.authorize.payment.refund.created" -> "Refunded" + money + " at Authorize.Net.";
            case "net.authorize.payment.void.created" -> "Voided at Authorize.Net" + (money.isEmpty() ? "" : " ("
                    + money.trim() + ")") + ".";
            default -> type;
        };
    }

    static byte[] hmac(String key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA512");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(JsonNode o, String field) {
        JsonNode e = o.path(field);
        return e.isValueNode() && !e.isNull() ? e.asText() : null;
    }

    private static PaymentException refused(String what, AnetApi.Refused e) {
        log.warn("{}: {}", what, e.code);
        return new PaymentException(what + " (" + e.code + "): " + e.getMessage());
    }
}
