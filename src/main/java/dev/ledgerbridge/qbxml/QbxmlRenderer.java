package dev.ledgerbridge.qbxml;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.implement.EscapeXmlReference;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;

/**
 * Renders one qbXML request message set from a template in {@code qbxml-templates/} on the classpath.
 * Thread-safe: one instance serves the whole server.
 *
 * <p>The model of each template is fixed (see the template constants): every key listed there must be
 * present in the map, even when its value is {@code null} (use a {@link HashMap}, not {@link Map#of}), and
 * no other key is accepted. Strings in the model, also inside nested lists and maps, are transliterated
 * to Latin-1 ({@link Latin1#transliterate}) and XML-escaped when printed.
 */
public final class QbxmlRenderer {

    /**
     * CustomerQueryRq, all customers active or not, paged with an iterator. Model: {@code requestId},
     * {@code iterator} ("Start", "Continue" or "Stop"), {@code iteratorId} (null exactly when Start),
     * {@code maxReturned}, {@code fromModifiedDate} and {@code toModifiedDate} (nullable, formatted
     * {@code YYYY-MM-DDThh:mm:ss±hh:mm}); optional {@code ownerId} (a GUID or "0") to return custom fields.
     */
    public static final String CUSTOMER_QUERY = "customer-query.vm";
    /** ListDeletedQueryRq for customers. Model: {@code requestId}, {@code delType} (Customer), {@code fromDeletedDate}. */
    public static final String CUSTOMER_DELETED_QUERY = "customer-deleted-query.vm";
    /**
     * InvoiceQueryRq with line items and linked transactions, paged with an iterator. Model: {@code requestId},
     * {@code iterator}, {@code iteratorId}, {@code maxReturned}, {@code fromModifiedDate}, {@code toModifiedDate},
     * as for {@link #CUSTOMER_QUERY}.
     */
    public static final String INVOICE_QUERY = "invoice-query.vm";
    /**
     * TxnDeletedQueryRq for one kind of transaction. Model: {@code requestId}, {@code delType} (Invoice,
     * ReceivePayment, CreditMemo), {@code fromDeletedDate} (nullable).
     */
    public static final String TXN_DELETED_QUERY = "txn-deleted-query.vm";

    /** ReceivePaymentQueryRq of payments changed in a window, with their applications. Model as {@link #INVOICE_QUERY}. */
    public static final String PAYMENT_QUERY = "payment-query.vm";
    /** CreditMemoQueryRq with lines and linked transactions, paged. Model as {@link #INVOICE_QUERY}. */
    public static final String CREDIT_MEMO_QUERY = "credit-memo-query.vm";
    /** InvoiceQueryRq by TxnID with lines and linked transactions. Model: {@code requestId}, {@code txnIds}. */
    public static final String INVOICE_REFRESH_QUERY = "invoice-refresh-query.vm";
    /**
     * CustomerQueryRq of every customer returning ListID, EditSequence, Balance and TotalBalance, paged. Model:
     * {@code requestId}, {@code iterator}, {@code iteratorId}, {@code maxReturned}.
     */
    public static final String CUSTOMER_VERIFY_QUERY = "customer-verify-query.vm";
    /** InvoiceQueryRq of every open invoice returning TxnID, EditSequence and BalanceRemaining, paged; as above. */
    public static final String INVOICE_VERIFY_QUERY = "invoice-verify-query.vm";
    /** ReceivePaymentQueryRq by TxnID with applications. Model: {@code requestId}, {@code txnIds}. */
    public static final String PAYMENT_REFRESH_QUERY = "payment-refresh-query.vm";
    /** CustomerQueryRq of all inactive customers, every field. Model: {@code requestId}. */
    public static final String CUSTOMER_INACTIVE_QUERY = "customer-inactive-query.vm";
    /**
     * CustomerQueryRq by ListID returning only ListID, Balance and TotalBalance. Model: {@code requestId},
     * {@code listIds} (a non-empty list).
     */
    public static final String CUSTOMER_BALANCE_QUERY = "customer-balance-query.vm";
    /** CustomerQueryRq of all inactive customers returning only ListID, Balance and TotalBalance. Model: {@code requestId}. */
    public static final String CUSTOMER_INACTIVE_BALANCE_QUERY = "customer-inactive-balance-query.vm";

    // the action queue's write-backs and the queries that check them
    /**
     * ReceivePaymentAddRq. Model: {@code requestId}, {@code customerListId}, {@code txnDate} (YYYY-MM-DD),
     * {@code refNumber} (nullable), {@code totalAmount}, {@code paymentMethodName} (nullable), {@code memo},
     * {@code depositAccountName} (nullable), {@code applied} (list of maps with {@code txnId} and {@code amount},
     * and optionally {@code credits}: maps of {@code creditTxnId} and {@code amount} applied as SetCredit; empty for
     * an unapplied payment), {@code exchangeRate} (optional: the home currency per unit of the customer's currency,
     * for a customer in another currency than the home one).
     */
    public static final String PAYMENT_ADD = "payment-add.vm";
    /** CustomerModRq of the primary email. Model: {@code requestId}, {@code listId}, {@code editSequence}, {@code email}. */
    public static final String CUSTOMER_MOD = "customer-mod.vm";
    /**
     * ReceivePaymentQueryRq of one customer's payments dated in a range, with memos. Model: {@code requestId},
     * {@code customerListId}, {@code fromTxnDate}, {@code toTxnDate}.
     */
    public static final String PAYMENT_CHECK_QUERY = "payment-check-query.vm";
    /** CustomerQueryRq by ListID with every field. Model: {@code requestId}, {@code listIds} (a non-empty list). */
    public static final String CUSTOMER_REFRESH_QUERY = "customer-refresh-query.vm";
    /**
     * CreditMemoAddRq of one line. Model: {@code requestId}, {@code customerListId}, {@code txnDate}, {@code refNumber}
     * (nullable), {@code memo}, {@code itemName}, {@code description} (nullable), {@code amount}.
     */
    public static final String CREDIT_MEMO_ADD = "credit-memo-add.vm";
    /**
     * ARRefundCreditCardAddRq out of one credit. Model: {@code requestId}, {@code customerListId},
     * {@code refundFromAccount}, {@code txnDate}, {@code refNumber} (nullable), {@code paymentMethodName} (nullable),
     * {@code memo}, {@code creditTxnId}, {@code amount}.
     */
    public static final String REFUND_ADD = "refund-add.vm";
    /** CreditMemoQueryRq of one customer's credit memos dated in a range, with memos; model as PAYMENT_CHECK_QUERY. */
    public static final String CREDIT_MEMO_CHECK_QUERY = "credit-memo-check-query.vm";
    /** ARRefundCreditCardQueryRq of one customer's refunds dated in a range, with memos; model as PAYMENT_CHECK_QUERY. */
    public static final String REFUND_CHECK_QUERY = "refund-check-query.vm";

    /** CurrencyQueryRq of the whole currency list of a multicurrency file. Model: {@code requestId}. */
    public static final String CURRENCY_QUERY = "currency-query.vm";

    private static final String TEMPLATE_FOLDER = "qbxml-templates/";
    private static final Pattern VERSION = Pattern.compile("\\d{1,2}\\.\\d{1,2}");
    private static final Set<String> ITERATOR_VALUES = Set.of("Start", "Continue", "Stop");

    /** How a model key may be given. */
    private enum Key {
        /** present and not null */
        REQUIRED,
        /** present, possibly null */
        NULLABLE,
        /** may be absent (treated as null) */
        OPTIONAL
    }

    /** The model of every query that looks for a write by the key in its memo: one customer's transactions on dates. */
    private static final Map<String, Key> CHECK_QUERY = Map.of("requestId", Key.REQUIRED, "customerListId",
            Key.REQUIRED, "fromTxnDate", Key.REQUIRED, "toTxnDate", Key.REQUIRED);

    private static final Map<String, Map<String, Key>> MODELS = Map.ofEntries(Map.entry(
            CUSTOMER_QUERY, Map.of("requestId", Key.REQUIRED, "iterator", Key.REQUIRED, "iteratorId", Key.NULLABLE,
                    "maxReturned", Key.REQUIRED, "fromModifiedDate", Key.NULLABLE, "toModifiedDate", Key.NULLABLE,
                    "ownerId", Key.OPTIONAL)),
            Map.entry(CUSTOMER_DELETED_QUERY, Map.of("requestId", Key.REQUIRED, "delType", Key.REQUIRED,
                    "fromDeletedDate", Key.NULLABLE)),
            Map.entry(INVOICE_QUERY, Map.of("requestId", Key.REQUIRED, "iterator", Key.REQUIRED, "iteratorId", Key.NULLABLE,
                    "maxReturned", Key.REQUIRED, "fromModifiedDate", Key.NULLABLE, "toModifiedDate", Key.NULLABLE)),
            Map.entry(TXN_DELETED_QUERY, Map.of("requestId", Key.REQUIRED, "delType", Key.REQUIRED,
                    "fromDeletedDate", Key.NULLABLE)),
            Map.entry(PAYMENT_QUERY, Map.of("requestId", Key.REQUIRED, "iterator", Key.REQUIRED, "iteratorId", Key.NULLABLE,
                    "maxReturned", Key.REQUIRED, "fromModifiedDate", Key.NULLABLE, "toModifiedDate", Key.NULLABLE)),
            Map.entry(CREDIT_MEMO_QUERY, Map.of("requestId", Key.REQUIRED, "iterator", Key.REQUIRED,
                    "iteratorId", Key.NULLABLE, "maxReturned", Key.REQUIRED, "fromModifiedDate", Key.NULLABLE,
                    "toModifiedDate", Key.NULLABLE)),
            Map.entry(INVOICE_REFRESH_QUERY, Map.of("requestId", Key.REQUIRED, "txnIds", Key.REQUIRED)),
            Map.entry(CUSTOMER_INACTIVE_QUERY, Map.of("requestId", Key.REQUIRED)),
            Map.entry(PAYMENT_REFRESH_QUERY, Map.of("requestId", Key.REQUIRED, "txnIds", Key.REQUIRED)),
            Map.entry(CUSTOMER_VERIFY_QUERY, Map.of("requestId", Key.REQUIRED, "iterator", Key.REQUIRED,
                    "iteratorId", Key.NULLABLE, "maxReturned", Key.REQUIRED)),
            Map.entry(INVOICE_VERIFY_QUERY, Map.of("requestId", Key.REQUIRED, "iterator", Key.REQUIRED,
                    "iteratorId", Key.NULLABLE, "maxReturned", Key.REQUIRED)),
            Map.entry(CUSTOMER_BALANCE_QUERY, Map.of("requestId", Key.REQUIRED, "listIds", Key.REQUIRED)),
            Map.entry(CUSTOMER_INACTIVE_BALANCE_QUERY, Map.of("requestId", Key.REQUIRED)),
            Map.entry(PAYMENT_ADD, Map.of("requestId", Key.REQUIRED, "customerListId", Key.REQUIRED,
                    "txnDate", Key.REQUIRED, "refNumber", Key.NULLABLE, "totalAmount", Key.REQUIRED,
                    "paymentMethodName", Key.NULLABLE, "memo", Key.REQUIRED, "depositAccountName", Key.NULLABLE,
                    "applied", Key.REQUIRED, "exchangeRate", Key.OPTIONAL)),
            Map.entry(CUSTOMER_MOD, Map.of("requestId", Key.REQUIRED, "listId", Key.REQUIRED,
                    "editSequence", Key.REQUIRED, "email", Key.REQUIRED)),
            Map.entry(PAYMENT_CHECK_QUERY, CHECK_QUERY),
            Map.entry(CUSTOMER_REFRESH_QUERY, Map.of("requestId", Key.REQUIRED, "listIds", Key.REQUIRED)),
            Map.entry(CREDIT_MEMO_ADD, Map.of("requestId", Key.REQUIRED, "customerListId", Key.REQUIRED,
                    "txnDate", Key.REQUIRED, "refNumber", Key.NULLABLE, "memo", Key.REQUIRED, "itemName", Key.REQUIRED,
                    "description", Key.NULLABLE, "amount", Key.REQUIRED)),
            Map.entry(REFUND_ADD, Map.of("requestId", Key.REQUIRED, "customerListId", Key.REQUIRED,
                    "refundFromAccount", Key.REQUIRED, "txnDate", Key.REQUIRED, "refNumber", Key.NULLABLE,
                    "paymentMethodName", Key.NULLABLE, "memo", Key.REQUIRED, "creditTxnId", Key.REQUIRED,
                    "amount", Key.REQUIRED)),
            Map.entry(CREDIT_MEMO_CHECK_QUERY, CHECK_QUERY),
            Map.entry(REFUND_CHECK_QUERY, CHECK_QUERY),
            Map.entry(CURRENCY_QUERY, Map.of("requestId", Key.REQUIRED)));

    private final VelocityEngine engine;

    // EscapeXmlReference is deprecated in Velocity 2 as "impractical" because it escapes every reference;
    // that is exactly what qbXML needs: no value in a request is ever markup.
    @SuppressWarnings("deprecation")
    public QbxmlRenderer() {
        Properties p = new Properties();
        p.setProperty(RuntimeConstants.RESOURCE_LOADERS, "classpath");
        p.setProperty(RuntimeConstants.RESOURCE_LOADER + ".classpath." + RuntimeConstants.RESOURCE_LOADER_CLASS,
                ClasspathResourceLoader.class.getName());
        p.setProperty(RuntimeConstants.RESOURCE_LOADER + ".classpath." + RuntimeConstants.RESOURCE_LOADER_CACHE,
                "true");
        p.setProperty(RuntimeConstants.RESOURCE_LOADER + ".classpath."
                + RuntimeConstants.RESOURCE_LOADER_CHECK_INTERVAL, "0");
        p.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        p.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        p.setProperty(RuntimeConstants.EVENTHANDLER_REFERENCEINSERTION, EscapeXmlReference.class.getName());
        engine = new VelocityEngine(p);
        engine.init();
    }

    /**
     * Renders {@code templateName} (one of the constants of this class) inside a qbXML envelope for
     * {@code qbxmlVersion} (e.g. "13.0").
     *
     * <p>NOTE: QuickBooks needs the exact prolog: {@code <?xml version="1.0" encoding="utf-8"?>}, then
     * {@code <?qbxml version="13.0"?>}, then {@code <QBXML><QBXMLMsgsRq onError="stopOnError">}.
     *
     * @throws IllegalArgumentException for an unknown template, a malformed version, or a model key that is
     *                                  missing, null where it may not be, unknown, or inconsistent
     */
    public String render(String templateName, String qbxmlVersion, Map<String, Object> model) {
        Map<String, Key> keys = MODELS.get(templateName);
        if (keys == null) {
            throw new IllegalArgumentException("unknown qbXML template '" + templateName + "'; known: "
                    + MODELS.keySet());
        }
        if (qbxmlVersion == null || !VERSION.matcher(qbxmlVersion).matches()) {
            throw new IllegalArgumentException("qbXML version must look like 13.0, got '" + qbxmlVersion + "'");
        }
        checkModel(templateName, keys, model);

        Map<String, Object> values = new HashMap<>();
        keys.keySet().forEach(k -> values.put(k, latin1(model.get(k))));

        StringWriter out = new StringWriter(1024);
        out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        out.write("<?qbxml version=\"" + qbxmlVersion + "\"?>\n");
        out.write("<QBXML>\n  <QBXMLMsgsRq onError=\"stopOnError\">\n");
        Template template = engine.getTemplate(TEMPLATE_FOLDER + templateName, "UTF-8");
        template.merge(new VelocityContext(values), out);
        out.write("  </QBXMLMsgsRq>\n</QBXML>\n");
        return out.toString();
    }

    private static void checkModel(String templateName, Map<String, Key> keys, Map<String, Object> model) {
        if (model == null) {
            throw new IllegalArgumentException("model for " + templateName + " is null");
        }
        for (String given : model.keySet()) {
            if (!keys.containsKey(given)) {
                throw new IllegalArgumentException("model key '" + given + "' is not used by " + templateName
                        + "; its keys are " + keys.keySet());
            }
        }
        keys.forEach((key, kind) -> {
            if (kind != Key.OPTIONAL && !model.containsKey(key)) {
                throw new IllegalArgumentException("model for " + templateName + " misses key '" + key
                        + "' (put it with a null value if it does not apply)");
            }
            if (kind == Key.REQUIRED && model.get(key) == null) {
                throw new IllegalArgumentException("model key '" + key + "' of " + templateName + " must not be null");
            }
        });
        if (keys.containsKey("iterator")) {
            Object iterator = model.get("iterator");
            if (!ITERATOR_VALUES.contains(String.valueOf(iterator))) {
                throw new IllegalArgumentException("model key 'iterator' of " + templateName
                        + " must be one of " + ITERATOR_VALUES + ", got '" + iterator + "'");
            }
            boolean start = "Start".equals(iterator);
            if (start != (model.get("iteratorId") == null)) {
                throw new IllegalArgumentException("model key 'iteratorId' of " + templateName
                        + (start ? " must be null when iterator is Start"
                                 : " is required when iterator is " + iterator));
            }
        }
    }

    /** The engine, for tests of its configuration. */
    VelocityEngine engine() {
        return engine;
    }

    static Object latin1(Object value) {
        if (value instanceof String s) {
            return Latin1.transliterate(s);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(latin1(v)));
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, latin1(v)));
            return copy;
        }
        return value;
    }
}
