package dev.ledgerbridge.sync;

import dev.ledgerbridge.action.ActionErrors;
import dev.ledgerbridge.action.ActionMapper;
import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.QuickBooksWork;
import dev.ledgerbridge.action.ActionRequest;
import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.qbxml.Latin1;
import dev.ledgerbridge.qbxml.CardRefund;
import dev.ledgerbridge.receivable.CreditMemo;
import dev.ledgerbridge.receivable.ReceivedPayment;
import dev.ledgerbridge.qbxml.QbxmlRenderer;
import dev.ledgerbridge.qbxml.RsStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;

/**
 * The action queue's QuickBooks work, after the pulls it depends on: one request per exchange, in this order:
 * <ol>
 * <li>a write whose answer never came (state sent) is checked first: ReceivePaymentQueryRq of the customer's
 * payments on its date (a payment post or a credit application), CreditMemoQueryRq or ARRefundCreditCardQueryRq of
 * its credit memos or refunds (a refund post), each matched by the idempotency key in the memo; CustomerQueryRq for
 * an email. Found: done (or, for a refund's credit memo, on to the refund). Not found: queued again. Never sent
 * blindly a second time;</li>
 * <li>queued writes: ReceivePaymentAddRq of a collected payment or of credits to apply (SetCredit), CreditMemoAddRq
 * then ARRefundCreditCardAddRq of a refund, CustomerModRq of an email with the stored EditSequence (on 3200 the
 * current customer is compared: re-applied when QuickBooks did not change the email too, else a conflict for
 * staff);</li>
 * <li>customers a re-sync action asked to read again, a batch per request.</li>
 * </ol>
 * Every status code is an answer for the action, never a failure of the run: errors are mapped to a state and a
 * message by {@link ActionErrors}.
 */
final class ActionStep implements Step {
    static final String NAME = "actions";
    static final int REFRESH_BATCH = 200;
    static final Set<String> ANSWERS = Set.of("ReceivePaymentAddRs", "ReceivePaymentQueryRs", "CustomerModRs",
            "CustomerQueryRs", "CreditMemoAddRs", "CreditMemoQueryRs", "ARRefundCreditCardAddRs",
            "ARRefundCreditCardQueryRs");
    /** RefNumber of a credit memo or card refund: at most 11 characters in qbXML. */
    private static final int MAX_TXN_REF_NUMBER = 11;
    private static final int MAX_DESCRIPTION = 4095;
    private static final int MAX_REF_NUMBER = 20;
    private static final int MAX_METHOD_NAME = 31;

    private final QuickBooksWork work;
    private final CustomerStore customers;
    private final RefreshQueue refresh;

    ActionStep(QuickBooksWork work, CustomerStore customers, RefreshQueue refresh) {
        this.work = work;
        this.customers = customers;
        this.refresh = refresh;
    }

    /** Stores customers QuickBooks returned, as the customer pull does (their balances read again by the next run). */
    private CustomerStore.Counts store(SqlSession session, long companyId, List<Customer> read) {
        CustomerStore.Counts n = customers.upsert(session, companyId, read, null);
        refresh.queue(session, companyId, RefreshQueue.BALANCE, customers.withAncestors(session, companyId, n.balances()));
        return n;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> dependsOn() {
        return List.of(PullStep.CUSTOMERS, PullStep.INVOICES);
    }

    @Override
    public String entity() {
        return "action";
    }

    @Override
    public boolean iterates() {
        return false;
    }

    @Override
    public String template() {
        return QbxmlRenderer.PAYMENT_ADD;
    }

    @Override
    public String responseElement() {
        return "ReceivePaymentAddRs";
    }

    @Override
    public boolean answeredBy(String element) {
        return ANSWERS.contains(element);
    }

    @Override
    public Map<String, Object> model(Request request) {
        throw new IllegalStateException("the action step renders its own requests");
    }

    @Override
    public boolean hasWork(SqlSession session, long companyId, long runId) {
        return work.hasQuickBooksWork(session, companyId, runId);
    }

    @Override
    public boolean more(SqlSession session, long companyId, long runId) {
        return work.hasQuickBooksWork(session, companyId, runId);
    }

    /** Every status is an answer about one action, handled there; none fails the run. */
    @Override
    public boolean accepts(int statusCode) {
        return true;
    }

    @Override
    public String render(QbxmlRenderer renderer, String version, Request r, SqlSession s, long companyId,
                         long runId) {
        String requestId = r.requestId();
        while (true) {
            Optional<ActionRequest> check = work.nextToCheck(s, companyId, runId);
            if (check.isPresent()) {
                ActionRequest a = check.get();
                String xml = renderer.render(checkTemplate(a), version, checkModel(a, requestId));
                if (!work.sent(s, a, runId, requestId, "check", xml)) {
                    continue; // another session of the company took it meanwhile
                }
                return xml;
            }
            Optional<ActionRequest> next = work.nextToSend(s, companyId, runId);
            if (next.isPresent()) {
                ActionRequest a = next.get();
                Map<String, Object> model = writeModel(s, a, requestId);
                if (model == null) {
                    continue; // failed before it could be sent; take the next one
                }
                String xml = renderer.render(writeTemplate(a), version, model);
                if (!work.sent(s, a, runId, requestId, "write", xml)) {
                    continue; // another session of the company sent it meanwhile: never twice
                }
                return xml;
            }
            List<ActionMapper.RefreshRow> batch = work.refreshBatch(s, companyId, REFRESH_BATCH);
            if (!batch.isEmpty()) {
                work.refreshAsked(s, companyId, batch, requestId);
                return renderer.render(QbxmlRenderer.CUSTOMER_REFRESH_QUERY, version, Map.of("requestId", requestId,
                        "listIds", batch.stream().map(ActionMapper.RefreshRow::listId).toList()));
            }
            // nothing is left (cancelled meanwhile): a harmless query keeps the exchange going
            Map<String, Object> m = new HashMap<>();
            m.put("requestId", requestId);
            m.put("customerListId", "0");
            m.put("fromTxnDate", "2000-01-01");
            m.put("toTxnDate", "2000-01-01");
            return renderer.render(QbxmlRenderer.PAYMENT_CHECK_QUERY, version, m);
        }
    }

    private static boolean refundStage(ActionRequest a) {
        return ActionQueue.POST_REFUND.equals(a.kind())
                && ActionQueue.REFUND_STAGE_REFUND.equals(ActionQueue.payload(a).get("stage"));
    }

    private static String writeTemplate(ActionRequest a) {
        return switch (a.kind()) {
            case ActionQueue.POST_PAYMENT, ActionQueue.APPLY_CREDIT -> QbxmlRenderer.PAYMENT_ADD;
            case ActionQueue.POST_REFUND -> refundStage(a) ? QbxmlRenderer.REFUND_ADD : QbxmlRenderer.CREDIT_MEMO_ADD;
            default -> QbxmlRenderer.CUSTOMER_MOD;
        };
    }

    private static String checkTemplate(ActionRequest a) {
        return switch (a.kind()) {
            case ActionQueue.POST_PAYMENT, ActionQueue.APPLY_CREDIT -> QbxmlRenderer.PAYMENT_CHECK_QUERY;
            case ActionQueue.POST_REFUND -> refundStage(a) ? QbxmlRenderer.REFUND_CHECK_QUERY
                    : QbxmlRenderer.CREDIT_MEMO_CHECK_QUERY;
            default -> QbxmlRenderer.CUSTOMER_REFRESH_QUERY;
        };
    }

    /** Whether the action writes a transaction that is found again by the key in its memo. */
    private static boolean byMemoKey(ActionRequest a) {
        return !ActionQueue.UPDATE_EMAIL.equals(a.kind());
    }

    private static Map<String, Object> checkModel(ActionRequest a, String requestId) {
        Map<String, Object> p = ActionQueue.payload(a);
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", requestId);
        if (byMemoKey(a)) {
            String date = String.valueOf(p.get("txnDate"));
            m.put("customerListId", String.valueOf(p.get("customerListId")));
            m.put("fromTxnDate", date);
            m.put("toTxnDate", date);
        } else {
            m.put("listIds", List.of(a.targetId()));
        }
        return m;
    }

    /** The model of a write, or null when the action failed at once (its customer is gone). */
    private Map<String, Object> writeModel(SqlSession s, ActionRequest a, String requestId) {
        Map<String, Object> p = ActionQueue.payload(a);
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", requestId);
        if (ActionQueue.POST_PAYMENT.equals(a.kind())) {
            m.put("customerListId", String.valueOf(p.get("customerListId")));
            m.put("txnDate", String.valueOf(p.get("txnDate")));
            m.put("refNumber", cut((String) p.get("refNumber"), MAX_REF_NUMBER));
            m.put("totalAmount", String.valueOf(p.get("amount")));
            m.put("paymentMethodName", cut((String) p.get("paymentMethodName"), MAX_METHOD_NAME));
            m.put("memo", memo(a, p));
            m.put("depositAccountName", p.get("depositAccountName"));
            Object applied = p.get("applied");
            m.put("applied", applied instanceof List<?> l ? l : List.of());
            if (p.get("exchangeRate") != null) {
                m.put("exchangeRate", String.valueOf(p.get("exchangeRate")));
            }
            return m;
        }
        if (ActionQueue.APPLY_CREDIT.equals(a.kind())) {
            m.put("customerListId", String.valueOf(p.get("customerListId")));
            m.put("txnDate", String.valueOf(p.get("txnDate")));
            m.put("refNumber", null);
            m.put("totalAmount", "0.00");
            m.put("paymentMethodName", null);
            m.put("memo", memo(a, p));
            m.put("depositAccountName", null);
            m.put("applied", creditsByInvoice(p));
            return m;
        }
        if (ActionQueue.POST_REFUND.equals(a.kind())) {
            m.put("customerListId", String.valueOf(p.get("customerListId")));
            m.put("txnDate", String.valueOf(p.get("txnDate")));
            m.put("refNumber", cut("LB-R" + p.get("paymentId"), MAX_TXN_REF_NUMBER));
            m.put("memo", memo(a, p));
            m.put("amount", String.valueOf(p.get("amount")));
            if (refundStage(a)) {
                m.put("refundFromAccount", String.valueOf(p.get("refundFromAccount")));
                m.put("paymentMethodName", cut((String) p.get("paymentMethodName"), MAX_METHOD_NAME));
                m.put("creditTxnId", String.valueOf(p.get("creditTxnId")));
            } else {
                m.put("itemName", String.valueOf(p.get("itemName")));
                m.put("description", cut((String) p.get("description"), MAX_DESCRIPTION));
            }
            return m;
        }
        Optional<ActionMapper.CustomerState> c = work.customer(s, a.companyId(), a.targetId());
        if (c.isEmpty() || c.get().isDeleted()) {
            work.fail(s, a, null, "The customer is " + (c.isEmpty() ? "not known here" : "deleted in QuickBooks")
                    + ", so the email cannot be written to QuickBooks. Cancel this action.");
            return null;
        }
        Object seq = p.get("editSequence");
        m.put("listId", a.targetId());
        m.put("editSequence", seq != null ? seq.toString() : c.get().editSequence());
        m.put("email", String.valueOf(p.get("email")));
        return m;
    }

    /**
     * The credits of an application as the payment's applications: one per invoice, of no money, carrying its
     * credits.
     */
    private static List<Map<String, Object>> creditsByInvoice(Map<String, Object> payload) {
        Map<String, List<Map<String, Object>>> byInvoice = new java.util.LinkedHashMap<>();
        Object credits = payload.get("credits");
        for (Object o : credits instanceof List<?> l ? l : List.of()) {
            Map<?, ?> c = (Map<?, ?>) o;
            Map<String, Object> use = new HashMap<>();
            use.put("creditTxnId", String.valueOf(c.get("creditTxnId")));
            use.put("amount", String.valueOf(c.get("amount")));
            byInvoice.computeIfAbsent(String.valueOf(c.get("invoiceTxnId")), k -> new ArrayList<>()).add(use);
        }
        List<Map<String, Object>> applied = new ArrayList<>();
        byInvoice.forEach((invoice, uses) -> {
            Map<String, Object> a = new HashMap<>();
            a.put("txnId", invoice);
            a.put("amount", "0.00");
            a.put("credits", uses);
            applied.add(a);
        });
        return applied;
    }

    /** The memo that identifies a write of a payment, a credit application or a refund by its idempotency key. */
    static String memo(ActionRequest a, Map<String, Object> payload) {
        return switch (a.kind()) {
            case ActionQueue.APPLY_CREDIT -> "Ledgerbridge credit applied by action " + a.id() + " key "
                    + a.idempotencyKey();
            case ActionQueue.POST_REFUND -> ActionQueue.REFUND_MEMO_PREFIX + payload.get("paymentId") + " key "
                    + a.idempotencyKey();
            default -> "Ledgerbridge payment " + payload.get("paymentId") + " key " + a.idempotencyKey();
        };
    }

    /**
     * Whether a payment's memo names the key: "key " and the key as sent (Latin-1), ending there or at a space. A key
     * that merely starts another one ("k-1" in "... key k-10") is not a match: taking it for one would mark a payment
     * posted that QuickBooks never got.
     */
    static boolean carriesKey(String memo, String key) {
        if (memo == null || key == null) {
            return false;
        }
        String wanted = "key " + Latin1.transliterate(key);
        for (int at = memo.indexOf(wanted); at >= 0; at = memo.indexOf(wanted, at + 1)) {
            int end = at + wanted.length();
            boolean startsWord = at == 0 || Character.isWhitespace(memo.charAt(at - 1));
            if (startsWord && (end == memo.length() || Character.isWhitespace(memo.charAt(end)))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Work work(SqlSession session, long companyId, long runId, boolean fullResync) {
        return new Work() {
            private final List<Customer> rets = new ArrayList<>();
            private final List<ReceivedPayment> payments = new ArrayList<>();
            private final List<CreditMemo> creditMemos = new ArrayList<>();
            private final List<CardRefund> refunds = new ArrayList<>();

            @Override
            public void onCreditMemo(CreditMemo c) {
                received++;
                creditMemos.add(c);
            }

            @Override
            public void onCardRefund(CardRefund r) {
                received++;
                refunds.add(r);
            }

            @Override
            public void onCustomer(Customer c) {
                received++;
                rets.add(c);
            }

            @Override
            public void onPayment(ReceivedPayment p) {
                received++;
                payments.add(p);
            }

            @Override
            void finish() {
                if (status == null) {
                    return;
                }
                Optional<ActionRequest> awaiting = work.awaiting(session, companyId, status.requestId());
                if (awaiting.isEmpty()) {
                    refreshed();
                    return;
                }
                ActionRequest a = awaiting.get();
                String outcome = switch (status.element()) {
                    case "ReceivePaymentAddRs" -> paymentWritten(a);
                    case "ReceivePaymentQueryRs" -> found(a, payments.stream().filter(p -> carriesKey(p.memo(),
                            a.idempotencyKey())).map(ReceivedPayment::txnId).findFirst());
                    case "CreditMemoAddRs" -> creditMemoWritten(a);
                    case "CreditMemoQueryRs" -> found(a, creditMemos.stream().filter(c -> carriesKey(c.memo(),
                            a.idempotencyKey())).map(CreditMemo::txnId).findFirst());
                    case "ARRefundCreditCardAddRs" -> refundWritten(a);
                    case "ARRefundCreditCardQueryRs" -> found(a, refunds.stream().filter(r -> carriesKey(r.memo(),
                            a.idempotencyKey())).map(CardRefund::txnId).findFirst());
                    case "CustomerModRs" -> emailWritten(a);
                    default -> emailChecked(a);
                };
                work.answered(session, a, status.requestId(), response, status.statusCode(), outcome);
            }

            private void refreshed() {
                List<ActionMapper.RefreshRow> asked = work.refreshAskedBy(session, companyId, status.requestId());
                if (asked.isEmpty()) {
                    return;
                }
                if (status.error() && status.statusCode() != 3120) {
                    // asking for the same batch again would get the same answer, for ever within this run
                    work.refreshRefused(session, companyId, asked, "QuickBooks refused to read it (status "
                            + status.statusCode() + (status.message() == null ? "" : ": " + status.message().strip())
                            + "); re-sync it again later");
                    return;
                }
                Set<String> wanted = new LinkedHashSet<>();
                asked.forEach(r -> wanted.add(r.listId()));
                List<Customer> mine = rets.stream().filter(c -> wanted.contains(c.listId())).toList();
                work.forgetVersions(session, companyId, mine.stream().map(Customer::listId).toList());
                CustomerStore.Counts n = store(session, companyId, mine);
                inserted += n.inserted();
                updated += n.updated();
                unchanged += n.unchanged();
                Set<String> found = new LinkedHashSet<>();
                mine.forEach(c -> found.add(c.listId()));
                work.refreshed(session, companyId, asked, found);
            }

            private String paymentWritten(ActionRequest a) {
                RsStatus st = status;
                if (!st.error()) {
                    String txnId = payments.isEmpty() ? null : payments.get(0).txnId();
                    return written(a, txnId, (ActionQueue.APPLY_CREDIT.equals(a.kind())
                            ? "Credit applied in QuickBooks by payment " : "Posted to QuickBooks as payment ") + txnId
                            + "." + (st.warning() ? " QuickBooks warned: " + st.message() : ""));
                }
                return error(a, st);
            }

            private String creditMemoWritten(ActionRequest a) {
                RsStatus st = status;
                if (!st.error()) {
                    String txnId = creditMemos.isEmpty() ? null : creditMemos.get(0).txnId();
                    return written(a, txnId, "Credit memo " + txnId + " recorded in QuickBooks"
                            + (st.warning() ? " (QuickBooks warned: " + st.message() + ")" : "")
                            + "; the refund to the card out of it follows.");
                }
                return error(a, st);
            }

            private String refundWritten(ActionRequest a) {
                RsStatus st = status;
                if (!st.error()) {
                    String txnId = refunds.isEmpty() ? null : refunds.get(0).txnId();
                    return written(a, txnId, "Refund recorded in QuickBooks: credit memo "
                            + ActionQueue.payload(a).get("creditTxnId") + " refunded to the card by " + txnId + "."
                            + (st.warning() ? " QuickBooks warned: " + st.message() : ""));
                }
                return error(a, st);
            }

            /**
             * QuickBooks has the action's transaction {@code txnId} (written now, or found by its key): the action is
             * done, or a refund goes on from its credit memo to the refund itself, in this run.
             */
            private String written(ActionRequest a, String txnId, String msg) {
                Map<String, Object> p = ActionQueue.payload(a);
                if (ActionQueue.POST_REFUND.equals(a.kind()) && !refundStage(a)) {
                    p.put("stage", ActionQueue.REFUND_STAGE_REFUND);
                    p.put("creditTxnId", txnId);
                    work.setPayload(session, a, p);
                    work.requeue(session, a, status.statusCode(), msg);
                    return msg;
                }
                if (ActionQueue.APPLY_CREDIT.equals(a.kind())) {
                    // the credited invoices are read again by TxnID on the next run: an application need not give
                    // them a new EditSequence
                    Object credits = p.get("credits");
                    List<String> invoices = new ArrayList<>();
                    for (Object o : credits instanceof List<?> l ? l : List.of()) {
                        invoices.add(String.valueOf(((Map<?, ?>) o).get("invoiceTxnId")));
                    }
                    refresh.queue(session, companyId, RefreshQueue.INVOICE, invoices);
                }
                work.done(session, a, status.statusCode(), txnId, msg);
                return msg;
            }

            /** The answer to a check by memo key: {@code txnId} is what carries the key, when QuickBooks has one. */
            private String found(ActionRequest a, Optional<String> txnId) {
                RsStatus st = status;
                String what = switch (a.kind()) {
                    case ActionQueue.APPLY_CREDIT -> "these credits were applied";
                    case ActionQueue.POST_REFUND -> refundStage(a) ? "this refund arrived"
                            : "the credit memo of this refund arrived";
                    default -> "this payment arrived";
                };
                if (st.error()) {
                    int failedChecks = work.failedChecksInARow(session, a) + 1;
                    if (failedChecks >= work.maxAttempts()) {
                        // never sent blindly, but not left waiting for ever either: staff look and decide
                        String msg = "Could not check in QuickBooks whether " + what + ": QuickBooks refused"
                                + " the check " + failedChecks + " times (status " + st.statusCode() + (st.message()
                                == null ? "" : ": \"" + st.message().strip() + "\"") + "). Look in QuickBooks for a"
                                + " transaction of this customer whose memo ends with \"key " + a.idempotencyKey()
                                + "\": if it is there, Cancel this action; if not, Retry sends it.";
                        work.fail(session, a, st.statusCode(), msg);
                        return msg;
                    }
                    String msg = "Could not check in QuickBooks whether " + what + " (status "
                            + st.statusCode() + "); it is checked again on the next run and not sent before"
                            + " (check " + failedChecks + " of " + work.maxAttempts() + ").";
                    work.checkNextRun(session, a, runId, st.statusCode(), msg);
                    return msg;
                }
                if (txnId.isPresent()) {
                    return written(a, txnId.get(), "QuickBooks already has " + (ActionQueue.POST_PAYMENT.equals(a.kind())
                            ? "this payment" : ActionQueue.APPLY_CREDIT.equals(a.kind()) ? "these credits applied"
                            : refundStage(a) ? "this refund" : "the credit memo of this refund") + " (" + txnId.get()
                            + "): the answer to the request that wrote it was lost, so it was not sent again.");
                }
                String msg = "QuickBooks did not get the earlier request; it is sent again.";
                work.requeue(session, a, st.statusCode(), msg);
                return msg;
            }

            private String emailWritten(ActionRequest a) {
                RsStatus st = status;
                if (!st.error()) {
                    store(session, companyId, rets);
                    String msg = "Email written to QuickBooks." + (st.warning() ? " QuickBooks warned: "
                            + st.message() : "");
                    work.done(session, a, st.statusCode(), null, msg);
                    return msg;
                }
                if (st.statusCode() == ActionErrors.STALE_EDIT_SEQUENCE) {
                    // the customer is read again by ListID (the next request of this run) and compared there; the
                    // record a 3200 may carry is not relied on
                    String msg = "The customer changed in QuickBooks meanwhile (3200); reading it again.";
                    work.checkAgain(session, a, st.statusCode(), msg);
                    return msg;
                }
                return error(a, st);
            }

            private String emailChecked(ActionRequest a) {
                RsStatus st = status;
                Customer current = current(a);
                if (current == null && (st.statusCode() == 1 || st.statusCode() == 3120 || st.statusCode() == 500)) {
                    String msg = "QuickBooks no longer has this customer, so the email cannot be written. Cancel"
                            + " this action.";
                    work.fail(session, a, st.statusCode(), msg);
                    return msg;
                }
                if (current == null) {
                    int failedChecks = work.failedChecksInARow(session, a) + (st.error() ? 1 : 0);
                    if (failedChecks >= work.maxAttempts()) {
                        String msg = "Could not read the customer from QuickBooks to see whether the email arrived:"
                                + " refused " + failedChecks + " times (status " + st.statusCode() + "). Retry writes"
                                + " the email again; Cancel keeps the one QuickBooks has.";
                        work.fail(session, a, st.statusCode(), msg);
                        return msg;
                    }
                    String msg = "Could not read the customer from QuickBooks (status " + st.statusCode() + ");"
                            + " checked again on the next run.";
                    work.checkNextRun(session, a, runId, st.statusCode(), msg);
                    return msg;
                }
                return compare(a, current, st.statusCode());
            }

            private Customer current(ActionRequest a) {
                return rets.stream().filter(c -> a.targetId().equals(c.listId())).findFirst().orElse(null);
            }

            /** The customer as QuickBooks has it now, against the email wanted and the one it was based on. */
            private String compare(ActionRequest a, Customer qb, int code) {
                Map<String, Object> p = ActionQueue.payload(a);
                String wanted = (String) p.get("email");
                String base = (String) p.get("baseEmail");
                // QuickBooks has the email as it was sent: in Latin-1
                if (norm(qb.email()).equals(norm(Latin1.transliterate(wanted)))) {
                    store(session, companyId, List.of(qb));
                    String msg = "QuickBooks already has this email.";
                    work.done(session, a, code, null, msg);
                    return msg;
                }
                if (!norm(qb.email()).equals(norm(base))) {
                    p.put("qbEmail", qb.email());
                    work.setPayload(session, a, p);
                    String msg = "Conflict: the email was also changed in QuickBooks (to \""
                            + (qb.email() == null ? "" : qb.email()) + "\") after it was edited here (to \"" + wanted
                            + "\"). Retry writes \"" + wanted + "\" over it; Cancel keeps QuickBooks' address.";
                    // the status that led here (3200 when the write found a newer EditSequence) stays on record
                    work.fail(session, a, a.statusCode() != null ? a.statusCode() : code, msg);
                    return msg;
                }
                if (a.attempts() >= work.maxAttempts()) {
                    String msg = "The customer kept changing in QuickBooks while its email was written ("
                            + a.attempts() + " attempts). Retry later.";
                    work.fail(session, a, code, msg);
                    return msg;
                }
                p.put("editSequence", qb.editSequence());
                work.setPayload(session, a, p);
                String msg = "The customer changed in QuickBooks meanwhile, but not its email: the email is written"
                        + " again on the customer's new EditSequence.";
                work.requeue(session, a, code, msg);
                return msg;
            }

            private String error(ActionRequest a, RsStatus st) {
                ActionErrors.Verdict v = ActionErrors.forStatus(a.kind(), st.statusCode(), st.message());
                if (v.retryLater()) {
                    work.retryLater(session, a, runId, st.statusCode(), v.message());
                } else {
                    work.fail(session, a, st.statusCode(), v.message());
                }
                return v.message();
            }
        };
    }

    private static String norm(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
