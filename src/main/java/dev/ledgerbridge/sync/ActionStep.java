package dev.ledgerbridge.sync;

import dev.ledgerbridge.action.ActionErrors;
import dev.ledgerbridge.action.ActionMapper;
import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.QuickBooksWork;
import dev.ledgerbridge.action.ActionRequest;
import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.customer.CustomerStore;
import dev.ledgerbridge.qbxml.Latin1;
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
 * payments on its date, matched by the idempotency key in the memo; CustomerQueryRq for an email. Found: done.
 * Not found: queued again. Never sent blindly a second time;</li>
 * <li>queued writes: ReceivePaymentAddRq of a collected payment, CustomerModRq of an email with the stored
 * EditSequence (on 3200 the current customer is compared: re-applied when QuickBooks did not change the email too,
 * else a conflict for staff);</li>
 * <li>customers a re-sync action asked to read again, a batch per request.</li>
 * </ol>
 * Every status code is an answer for the action, never a failure of the run: errors are mapped to a state and a
 * message by {@link ActionErrors}.
 */
final class ActionStep implements Step {
    static final String NAME = "actions";
    static final int REFRESH_BATCH = 200;
    static final Set<String> ANSWERS = Set.of("ReceivePaymentAddRs", "ReceivePaymentQueryRs", "CustomerModRs",
            "CustomerQueryRs");
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
                String xml = renderer.render(ActionQueue.POST_PAYMENT.equals(a.kind()) ? QbxmlRenderer.PAYMENT_ADD
                        : QbxmlRenderer.CUSTOMER_MOD, version, model);
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

    private static String checkTemplate(ActionRequest a) {
        return ActionQueue.POST_PAYMENT.equals(a.kind()) ? QbxmlRenderer.PAYMENT_CHECK_QUERY
                : QbxmlRenderer.CUSTOMER_REFRESH_QUERY;
    }

    private static Map<String, Object> checkModel(ActionRequest a, String requestId) {
        Map<String, Object> p = ActionQueue.payload(a);
        Map<String, Object> m = new HashMap<>();
        m.put("requestId", requestId);
        if (ActionQueue.POST_PAYMENT.equals(a.kind())) {
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

    /** The memo that identifies a posted payment by its idempotency key. */
    static String memo(ActionRequest a, Map<String, Object> payload) {
        return "Ledgerbridge payment " + payload.get("paymentId") + " key " + a.idempotencyKey();
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
                    case "ReceivePaymentQueryRs" -> paymentChecked(a);
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
                    String msg = "Posted to QuickBooks as payment " + txnId + "."
                            + (st.warning() ? " QuickBooks warned: " + st.message() : "");
                    work.done(session, a, st.statusCode(), txnId, msg);
                    return msg;
                }
                return error(a, st);
            }

            private String paymentChecked(ActionRequest a) {
                RsStatus st = status;
                if (st.error()) {
                    int failedChecks = work.failedChecksInARow(session, a) + 1;
                    if (failedChecks >= work.maxAttempts()) {
                        // never sent blindly, but not left waiting for ever either: staff look and decide
                        String msg = "Could not check in QuickBooks whether this payment arrived: QuickBooks refused"
                                + " the check " + failedChecks + " times (status " + st.statusCode() + (st.message()
                                == null ? "" : ": \"" + st.message().strip() + "\"") + "). Look in QuickBooks for a"
                                + " payment of this customer whose memo ends with \"key " + a.idempotencyKey()
                                + "\": if it is there, Cancel this action; if not, Retry sends it.";
                        work.fail(session, a, st.statusCode(), msg);
                        return msg;
                    }
                    String msg = "Could not check in QuickBooks whether this payment arrived (status "
                            + st.statusCode() + "); it is checked again on the next run and not sent before"
                            + " (check " + failedChecks + " of " + work.maxAttempts() + ").";
                    work.checkNextRun(session, a, runId, st.statusCode(), msg);
                    return msg;
                }
                for (ReceivedPayment p : payments) {
                    if (carriesKey(p.memo(), a.idempotencyKey())) {
                        String msg = "QuickBooks already has this payment (" + p.txnId() + "): the answer to the"
                                + " request that posted it was lost, so it was not sent again.";
                        work.done(session, a, st.statusCode(), p.txnId(), msg);
                        return msg;
                    }
                }
                String msg = "QuickBooks did not get the earlier request for this payment; it is sent again.";
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
