package dev.ledgerbridge.qbxml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every significant way each template is rendered; each has a golden file named after it. */
final class RequestVariants {

    record Variant(String name, String template, Map<String, Object> model) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String CONTINUE_ID = "{eb05f701-e727-472f-8ade-6753c4f67a46}";
    static final String FROM = "2024-01-01T00:00:00-05:00";
    static final String TO = "2024-06-30T23:59:59-04:00";
    /** Characters that must be escaped, plus some outside Latin-1 ("Ω" has no Latin-1 spelling). */
    static final String AWKWARD_ID = "Smith & Sons <\"Zoë\"> – Ωmega…€ Łódź";

    private RequestVariants() {
    }

    static List<Variant> all() {
        return List.of(
                new Variant("customer-query-start", QbxmlRenderer.CUSTOMER_QUERY,
                        paged("cust-1", "Start", null, null, null)),
                new Variant("customer-query-continue", QbxmlRenderer.CUSTOMER_QUERY,
                        paged("cust-2", "Continue", CONTINUE_ID, FROM, null)),
                new Variant("customer-query-modified-window-with-owner", QbxmlRenderer.CUSTOMER_QUERY,
                        with(paged("cust-3", "Start", null, FROM, TO), "ownerId", "0")),
                new Variant("customer-query-escaped-request-id", QbxmlRenderer.CUSTOMER_QUERY,
                        paged(AWKWARD_ID, "Start", null, FROM, null)),
                new Variant("customer-deleted-query", QbxmlRenderer.CUSTOMER_DELETED_QUERY,
                        deleted("del-c", "Customer", null)),
                new Variant("customer-deleted-query-from-date", QbxmlRenderer.CUSTOMER_DELETED_QUERY,
                        deleted("del-c", "Customer", FROM)),
                new Variant("invoice-query-start", QbxmlRenderer.INVOICE_QUERY,
                        paged("inv-1", "Start", null, null, null)),
                new Variant("invoice-query-continue", QbxmlRenderer.INVOICE_QUERY,
                        paged("inv-2", "Continue", CONTINUE_ID, FROM, null)),
                new Variant("invoice-query-from-date", QbxmlRenderer.INVOICE_QUERY,
                        paged("inv-3", "Start", null, FROM, null)),
                new Variant("invoice-query-modified-window", QbxmlRenderer.INVOICE_QUERY,
                        paged("inv-4", "Start", null, FROM, TO)),
                new Variant("invoice-query-escaped-request-id", QbxmlRenderer.INVOICE_QUERY,
                        paged(AWKWARD_ID, "Start", null, null, TO)),
                new Variant("invoice-deleted-query", QbxmlRenderer.TXN_DELETED_QUERY,
                        deleted("del-i", "Invoice", null)),
                new Variant("invoice-deleted-query-from-date", QbxmlRenderer.TXN_DELETED_QUERY,
                        deleted("del-i", "Invoice", FROM)),
                new Variant("payment-deleted-query-from-date", QbxmlRenderer.TXN_DELETED_QUERY,
                        deleted("del-p", "ReceivePayment", FROM)),
                new Variant("credit-memo-deleted-query", QbxmlRenderer.TXN_DELETED_QUERY,
                        deleted("del-m", "CreditMemo", null)),
                new Variant("credit-memo-query-start", QbxmlRenderer.CREDIT_MEMO_QUERY,
                        paged("cm-1", "Start", null, FROM, null)),
                new Variant("credit-memo-query-continue", QbxmlRenderer.CREDIT_MEMO_QUERY,
                        paged("cm-2", "Continue", CONTINUE_ID, FROM, TO)),
                new Variant("invoice-refresh-query", QbxmlRenderer.INVOICE_REFRESH_QUERY,
                        with(new HashMap<>(Map.of("requestId", "inv-r")), "txnIds",
                                List.of("1A2B-1700000000", "1A2C-1700000001"))),
                new Variant("customer-verify-query-start", QbxmlRenderer.CUSTOMER_VERIFY_QUERY,
                        verify("ver-1", "Start", null)),
                new Variant("invoice-verify-query-continue", QbxmlRenderer.INVOICE_VERIFY_QUERY,
                        verify("ver-2", "Continue", CONTINUE_ID)),
                new Variant("payment-refresh-query", QbxmlRenderer.PAYMENT_REFRESH_QUERY,
                        with(new HashMap<>(Map.of("requestId", "pay-r")), "txnIds", List.of("2A1-1700000000"))),
                new Variant("customer-inactive-query", QbxmlRenderer.CUSTOMER_INACTIVE_QUERY,
                        new HashMap<>(Map.of("requestId", "cust-i"))),
                new Variant("payment-query-start", QbxmlRenderer.PAYMENT_QUERY,
                        paged("pay-1", "Start", null, null, null)),
                new Variant("payment-query-continue", QbxmlRenderer.PAYMENT_QUERY,
                        paged("pay-2", "Continue", CONTINUE_ID, FROM, null)),
                new Variant("customer-balance-query", QbxmlRenderer.CUSTOMER_BALANCE_QUERY,
                        balances("bal-1", List.of("80000001-1700000000", "80000002-1700000001"))),
                new Variant("customer-inactive-balance-query", QbxmlRenderer.CUSTOMER_INACTIVE_BALANCE_QUERY,
                        new HashMap<>(Map.of("requestId", "bal-2"))),
                // the action queue's writes and checks
                new Variant("payment-add-applied", QbxmlRenderer.PAYMENT_ADD, paymentAdd("act-1", List.of(
                        Map.of("txnId", "1A2B-1700000000", "amount", "100.00"),
                        Map.of("txnId", "1A2C-1700000001", "amount", "250.50")), "Visa", "Undeposited Funds",
                        "LB1001")),
                new Variant("payment-add-deposit", QbxmlRenderer.PAYMENT_ADD, paymentAdd("act-2", List.of(), null,
                        null, null)),
                new Variant("payment-add-escaped", QbxmlRenderer.PAYMENT_ADD, paymentAdd("act-3", List.of(
                        Map.of("txnId", "1A2B-1700000000", "amount", "10.00")), "Smith & Sons <Card>",
                        "Bank \"Zoë\"", "R&D-1")),
                new Variant("customer-mod-email", QbxmlRenderer.CUSTOMER_MOD, customerMod("act-4",
                        "80000001-1700000000", "1700000123", "billing@acme.example")),
                new Variant("customer-mod-email-escaped", QbxmlRenderer.CUSTOMER_MOD, customerMod("act-5",
                        "80000001-1700000000", "1700000123", "\"Zoë & Łukasz\" <zl@example.com>")),
                new Variant("payment-check-query", QbxmlRenderer.PAYMENT_CHECK_QUERY, paymentCheck("act-6",
                        "80000001-1700000000", "2026-05-04", "2026-05-04")),
                new Variant("customer-refresh-query", QbxmlRenderer.CUSTOMER_REFRESH_QUERY,
                        balances("act-7", List.of("80000001-1700000000", "80000002-1700000001"))),
                new Variant("payment-add-credits", QbxmlRenderer.PAYMENT_ADD, with(paymentAdd("act-8", List.of(),
                        null, null, null), "applied", List.of(Map.of("txnId", "1A2B-1700000000", "amount", "0.00",
                        "credits", List.of(Map.of("creditTxnId", "2C1-1700000000", "amount", "30.00"),
                                Map.of("creditTxnId", "2C2-1700000001", "amount", "5.25")))))),
                new Variant("credit-memo-add", QbxmlRenderer.CREDIT_MEMO_ADD, creditMemoAdd("act-9",
                        "Refund of payment #12 & co <card>")),
                new Variant("credit-memo-add-no-description", QbxmlRenderer.CREDIT_MEMO_ADD, creditMemoAdd("act-10",
                        null)),
                new Variant("refund-add", QbxmlRenderer.REFUND_ADD, refundAdd("act-11", "Visa")),
                new Variant("refund-add-no-method", QbxmlRenderer.REFUND_ADD, refundAdd("act-12", null)),
                new Variant("credit-memo-check-query", QbxmlRenderer.CREDIT_MEMO_CHECK_QUERY, paymentCheck("act-13",
                        "80000001-1700000000", "2026-05-04", "2026-05-04")),
                new Variant("refund-check-query", QbxmlRenderer.REFUND_CHECK_QUERY, paymentCheck("act-14",
                        "80000001-1700000000", "2026-05-04", "2026-05-04")),
                // a multicurrency file: its currency list, and a payment in a foreign currency with its rate
                new Variant("currency-query", QbxmlRenderer.CURRENCY_QUERY,
                        new HashMap<>(Map.of("requestId", "cur-1"))),
                new Variant("payment-add-foreign-currency", QbxmlRenderer.PAYMENT_ADD, foreign(paymentAdd("act-8",
                        List.of(Map.of("txnId", "1A2B-1700000000", "amount", "350.50")), "Visa", null, "LB1002"))));
    }

    static Map<String, Object> foreign(Map<String, Object> paymentAdd) {
        paymentAdd.put("exchangeRate", "1.3605");
        return paymentAdd;
    }

    static Map<String, Object> paged(String requestId, String iterator, String iteratorId, String from, String to) {
        Map<String, Object> model = new HashMap<>();
        model.put("requestId", requestId);
        model.put("iterator", iterator);
        model.put("iteratorId", iteratorId);
        model.put("maxReturned", 100);
        model.put("fromModifiedDate", from);
        model.put("toModifiedDate", to);
        return model;
    }

    static Map<String, Object> balances(String requestId, List<String> listIds) {
        Map<String, Object> model = new HashMap<>();
        model.put("requestId", requestId);
        model.put("listIds", listIds);
        return model;
    }

    static Map<String, Object> paymentAdd(String requestId, List<Map<String, String>> applied, String method,
                                          String account, String ref) {
        Map<String, Object> model = new HashMap<>();
        model.put("requestId", requestId);
        model.put("customerListId", "80000001-1700000000");
        model.put("txnDate", "2026-05-04");
        model.put("refNumber", ref);
        model.put("totalAmount", applied.isEmpty() ? "40.00" : "350.50");
        model.put("paymentMethodName", method);
        model.put("memo", "Ledgerbridge payment 1001 key 7d2c1f7e-3b1a-4c55-9a51-0c7e2d9b1f00");
        model.put("depositAccountName", account);
        model.put("applied", applied);
        return model;
    }

    static Map<String, Object> creditMemoAdd(String requestId, String description) {
        Map<String, Object> model = new HashMap<>();
        model.put("requestId", requestId);
        model.put("customerListId", "80000001-1700000000");
        model.put("txnDate", "2026-05-04");
        model.put("refNumber", "LB-R12");
        model.put("memo", "Ledgerbridge refund 12 key 7d2c1f7e-3b1a-4c55-9a51-0c7e2d9b1f00");
        model.put("itemName", "Refunds");
        model.put("description", description);
        model.put("amount", "40.00");
        return model;
    }

    static Map<String, Object> refundAdd(String requestId, String method) {
        Map<String, Object> model = new HashMap<>();
        model.put("requestId", requestId);
        model.put("customerListId", "80000001-1700000000");
        model.put("refundFromAccount", "Undeposited Funds");
        model.put("txnDate", "2026-05-04");
        model.put("refNumber", "LB-R12");
        model.put("paymentMethodName", method);
        model.put("memo", "Ledgerbridge refund 12 key 7d2c1f7e-3b1a-4c55-9a51-0c7e2d9b1f00");
        model.put("creditTxnId", "2C3-1700000002");
        model.put("amount", "40.00");
        return model;
    }

    static Map<String, Object> customerMod(String requestId, String listId, String editSequence, String email) {
        Map<String, Object> model = new HashMap<>();
        model.put("requestId", requestId);
        model.put("listId", listId);
        model.put("editSequence", editSequence);
        model.put("email", email);
        return model;
    }

    static Map<String, Object> paymentCheck(String requestId, String listId, String from, String to) {
        Map<String, Object> model = new HashMap<>();
        model.put("requestId", requestId);
        model.put("customerListId", listId);
        model.put("fromTxnDate", from);
        model.put("toTxnDate", to);
        return model;
    }

    static Map<String, Object> deleted(String requestId, String delType, String from) {
        Map<String, Object> model = new HashMap<>();
        model.put("requestId", requestId);
        model.put("delType", delType);
        model.put("fromDeletedDate", from);
        return model;
    }

    static Map<String, Object> verify(String requestId, String iterator, String iteratorId) {
        Map<String, Object> model = new HashMap<>();
        model.put("requestId", requestId);
        model.put("iterator", iterator);
        model.put("iteratorId", iteratorId);
        model.put("maxReturned", 2000);
        return model;
    }

    static Map<String, Object> with(Map<String, Object> model, String key, Object value) {
        model.put(key, value);
        return model;
    }
}
