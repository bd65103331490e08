package dev.ledgerbridge.payment;

import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.PaymentPost;
import dev.ledgerbridge.action.RefundPost;
import dev.ledgerbridge.db.Database;
import java.math.BigDecimal;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charges, deposits and refunds through the company's gateway, each attempt recorded in payment_txn, and the
 * per-customer ledger read from there.
 *
 * <p>How nothing is charged twice: an attempt is first stored as Pending under its idempotency key (unique per
 * company, so a second request or process with the same key finds the first instead of charging); the gateway is
 * called with a key derived from it, so a retry after an Error (a timeout whose outcome is unknown) gets the
 * gateway's first answer instead of a second charge. How an invoice is never overpaid: the invoices are locked while
 * their effective open balance is computed, which is QuickBooks' BalanceRemaining minus what Ledgerbridge holds
 * against the invoice that QuickBooks does not show yet (Pending, Error, and Approved payments not posted, or posted
 * after the invoice was last stored). An approved charge or deposit queues its post to QuickBooks in the same
 * transaction that records the approval.
 */
public final class Payments implements PaymentLedger {
    private static final Logger log = LoggerFactory.getLogger(Payments.class);
    /** A Pending attempt older than this is taken as abandoned (the process died) and may be retried. */
    static final Duration STALE = Duration.ofMinutes(2);
    /** How long a request waits for another request with the same key to finish. */
    static final Duration WAIT = Duration.ofSeconds(30);
    static final int MAX_KEY = 100;
    /** The largest amount a DECIMAL(15,2) column holds. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999.99");
    /** The most invoices one payment may pay. */
    public static final int MAX_INVOICES = 100;
    static final int LEDGER_LIMIT = 1000;
    static final String CHARGE = "charge";
    static final String DEPOSIT = "deposit";
    static final String REFUND = "refund";
    /** The account QuickBooks keeps received payments in until they are deposited; refunds are paid from it too. */
    static final String UNDEPOSITED_FUNDS = "Undeposited Funds";
    /** Sources whose charges nobody is present for: the gateway is told they are off-session. */
    static final Set<String> UNATTENDED = Set.of("auto", "installment");

    private final Database db;
    private final ActionQueue actions;
    private final PaymentGateways gateways;
    private final PaymentSettingsService settings;
    private final Clock clock;
    /** The business's time zone: a payment is recorded in QuickBooks with its date there. */
    private final ZoneId zone;
    private volatile BiConsumer<Long, Long> afterApproval = (companyId, paymentId) -> { };

    public Payments(Database db, ActionQueue actions, PaymentGateways gateways, PaymentSettingsService settings,
                    Clock clock, ZoneId zone) {
        this.db = db;
        this.actions = actions;
        this.gateways = gateways;
        this.settings = settings;
        this.clock = clock;
        this.zone = zone;
    }

    /** An open invoice of a customer with what may still be charged on it. */
    public record OpenInvoice(String txnId, String refNumber, BigDecimal balanceRemaining, BigDecimal held,
                              BigDecimal effectiveBalance) {
    }

    // ---- charging ---------------------------------------------------------------------------------------------

    /**
     * Charges a profile for invoices or a deposit. Throws PaymentException for a request that is wrong in itself
     * (unknown customer or profile, bad amounts or key); an invoice already paid, or an amount over its effective
     * balance, is skipped with a message (all skipped: result Skipped, recorded). A key used before returns the first
     * result; one whose first attempt ended in Error is tried again at the gateway under the same key.
     */
    public PaymentResult charge(ChargeRequest r) {
        String key = checkKey(r.idempotencyKey());
        if (r.customerListId() == null || r.customerListId().isBlank() || r.customerListId().length() > 36) {
            throw new PaymentException("customerListId must be a customer's ListID.");
        }
        if (!ChargeRequest.SOURCES.contains(r.source())) {
            throw new PaymentException("source must be one of " + String.join(", ", ChargeRequest.SOURCES) + ".");
        }
        if (r.requestedBy() == null || r.requestedBy().isBlank()) {
            throw new PaymentException("requestedBy is required.");
        }
        if (r.deposit()) {
            money(r.depositAmount(), "The deposit amount");
        } else {
            if (r.depositAmount() != null) {
                throw new PaymentException("A payment is either for invoices or a deposit amount, not both.");
            }
            if (r.invoices().size() > MAX_INVOICES) {
                throw new PaymentException("One payment can pay at most " + MAX_INVOICES + " invoices.");
            }
            Set<String> seen = new LinkedHashSet<>();
            for (InvoiceAmount ia : r.invoices()) {
                if (ia == null || ia.txnId() == null || ia.txnId().isBlank() || ia.txnId().length() > 36) {
                    throw new PaymentException("Each invoice needs its TxnID.");
                }
                if (!seen.add(ia.txnId())) {
                    throw new PaymentException("Invoice " + ia.txnId() + " is listed twice.");
                }
                money(ia.amount(), "The amount for invoice " + ia.txnId());
            }
        }
        String fingerprint = fingerprint(r);
        Optional<PaymentMapper.PaymentRow> earlier = byKey(r.companyId(), key);
        if (earlier.isPresent()) {
            return resume(sameRequest(earlier.get(), fingerprint));
        }
        PaymentSettings ps = settings.get(r.companyId());
        PaymentGateway gateway;
        PaymentMapper.PaymentRow row = new PaymentMapper.PaymentRow();
        PaymentMapper.ProfileRow card;
        List<String> skipped = new ArrayList<>();
        List<InvoiceAmount> applied = new ArrayList<>();
        List<String> appliedNumbers = new ArrayList<>();
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            Map<String, PaymentMapper.InvoiceState> states = new HashMap<>();
            if (!r.deposit()) {
                List<String> ids = r.invoices().stream().map(InvoiceAmount::txnId).sorted().toList();
                states.putAll(lockedStates(m, r.companyId(), ids, null));
            }
            if (m.customerExists(r.companyId(), r.customerListId()) == 0) {
                throw new PaymentException("There is no customer with ListID " + r.customerListId()
                        + " in this company.");
            }
            PaymentMapper.ProfileRow profile = m.profileRow(r.companyId(), r.profileId());
            if (profile == null || profile.removedAt != null || !profile.customerListId.equals(r.customerListId())) {
                throw new PaymentException("This customer has no payment profile #" + r.profileId() + ".");
            }
            card = profile;
            // the card's token lives at the gateway it was saved at, whatever the company uses now
            gateway = gateways.forCompany(r.companyId(), profile.gateway);
            for (InvoiceAmount ia : r.invoices()) {
                PaymentMapper.InvoiceState st = states.get(ia.txnId());
                String name = st == null || st.refNumber == null ? ia.txnId() : st.refNumber;
                if (st == null || !r.customerListId().equals(st.customerListId)) {
                    skipped.add("invoice " + ia.txnId() + " is not an invoice of this customer");
                } else if (st.isDeleted) {
                    skipped.add("invoice " + name + " was deleted in QuickBooks");
                } else {
                    BigDecimal open = effective(st);
                    if (st.isPaid || open.signum() <= 0) {
                        skipped.add("invoice " + name + " is already paid");
                    } else if (ia.amount().compareTo(open) > 0) {
                        skipped.add("invoice " + name + ": " + ia.amount().toPlainString()
                                + " is more than its open balance " + open.toPlainString());
                    } else {
                        applied.add(ia);
                        appliedNumbers.add(number(st.refNumber, ia.txnId()));
                    }
                }
            }
            boolean allSkipped = !r.deposit() && applied.isEmpty();
            row.companyId = r.companyId();
            row.customerListId = r.customerListId();
            row.profileId = r.profileId();
            row.kind = r.deposit() ? DEPOSIT : CHARGE;
            row.source = r.source();
            if (!allSkipped && !r.deposit()) {
                money(applied.stream().map(InvoiceAmount::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                        "The total of the payment");
            }
            // A skipped attempt records the total asked; one too large for the column (nothing is charged anyway)
            // records the largest amount it holds, the message saying what was asked of each invoice.
            row.amount = r.deposit() ? r.depositAmount()
                    : (allSkipped ? r.invoices() : applied).stream().map(InvoiceAmount::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add).min(MAX_AMOUNT);
            row.currency = ps.currency();
            row.result = allSkipped ? PaymentResult.SKIPPED : PaymentResult.PENDING;
            row.message = allSkipped ? truncate("Nothing charged: " + String.join("; ", skipped) + ".") : null;
            row.gateway = gateway.name();
            row.idempotencyKey = key;
            row.requestFingerprint = fingerprint;
            row.postKey = UUID.randomUUID().toString();
            row.staffUser = r.requestedBy();
            row.createdAt = clock.instant();
            try {
                m.insertPayment(row);
            } catch (PersistenceException e) {
                if (!duplicate(e)) {
                    throw e;
                }
                s.rollback();
                return awaitOther(r.companyId(), key, fingerprint);
            }
            // a skipped attempt lists only this customer's invoices: never another customer's, nor unknown ones
            for (InvoiceAmount ia : allSkipped ? r.invoices() : applied) {
                PaymentMapper.InvoiceState st = states.get(ia.txnId());
                if (st != null && r.customerListId().equals(st.customerListId)) {
                    m.insertApplied(row.id, r.companyId(), ia.txnId(), ia.amount());
                }
            }
            s.commit();
            if (allSkipped) {
                log.info("payment {} for customer {} of company {} skipped: {}", row.id, r.customerListId(),
                        r.companyId(), row.message);
                return new PaymentResult(row.id, PaymentResult.SKIPPED, row.message, false);
            }
        }
        String note = skipped.isEmpty() ? "" : " Not charged: " + String.join("; ", skipped) + ".";
        GatewayCharge call = gatewayCharge(row, card, applied.stream().map(InvoiceAmount::txnId).toList(),
                appliedNumbers);
        return attempt(row, gateway, () -> gateway.charge(call), note);
    }

    /**
     * Called once for every charge or deposit when it is recorded as approved (taken by staff, the API, auto
     * processing or an installment; approved at once, on a retry, or settled later by the gateway), with its company
     * and payment id: the customer's receipt hangs on it. A failure in it never fails the payment.
     */
    public void afterApproval(BiConsumer<Long, Long> listener) {
        this.afterApproval = listener;
    }

    /**
     * The charge as the gateway is asked for it, the same on every try: the gateway key, the card, the amount, and
     * metadata that only use what never changes (TxnIDs, not invoice numbers), since a gateway refuses a key sent
     * again with other data.
     */
    private static GatewayCharge gatewayCharge(PaymentMapper.PaymentRow row, PaymentMapper.ProfileRow card,
                                               List<String> invoiceTxnIds, List<String> invoiceNumbers) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("ledgerbridge_company", Long.toString(row.companyId));
        meta.put("ledgerbridge_customer", row.customerListId);
        meta.put("ledgerbridge_payment", Long.toString(row.id));
        meta.put("ledgerbridge_key", gatewayKey(row));
        if (!invoiceTxnIds.isEmpty()) {
            String all = String.join(",", invoiceTxnIds);
            meta.put("ledgerbridge_invoices", all.length() <= 500 ? all : all.substring(0, 496) + ",...");
        }
        String what = invoiceTxnIds.isEmpty() ? "deposit" : invoiceTxnIds.size() == 1 ? "1 invoice"
                : invoiceTxnIds.size() + " invoices";
        return new GatewayCharge(gatewayKey(row), card.gatewayCustomerId, card.token, row.amount, row.currency,
                UNATTENDED.contains(row.source), "Ledgerbridge payment #" + row.id + " (" + what + ")", meta,
                row.createdAt, invoiceNumbers);
    }

    /** An invoice as people name it: its QuickBooks number, else its TxnID. */
    private static String number(String refNumber, String txnId) {
        return refNumber == null || refNumber.isBlank() ? txnId : refNumber;
    }

    private static GatewayRefund gatewayRefund(PaymentMapper.PaymentRow row, PaymentMapper.PaymentRow original,
                                               String customerProfileId) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("ledgerbridge_company", Long.toString(row.companyId));
        meta.put("ledgerbridge_customer", row.customerListId);
        meta.put("ledgerbridge_payment", Long.toString(row.id));
        meta.put("ledgerbridge_refund_of", Long.toString(original.id));
        meta.put("ledgerbridge_key", gatewayKey(row));
        return new GatewayRefund(gatewayKey(row), original.gatewayRef, customerProfileId, row.amount, original.amount,
                row.currency, meta, row.createdAt);
    }

    /**
     * Refunds an approved charge or deposit, in full ({@code amount} null) or in part, at most what is left of it.
     * The refund is recorded like any attempt; once approved it is queued for QuickBooks (a credit memo of the amount
     * and a credit card refund out of it, see {@link dev.ledgerbridge.action.RefundPost}). A payment
     * whose post to QuickBooks is still waiting (queued or sent) is refused until it is posted: the queued post
     * carries the full amount and cannot be changed.
     */
    public PaymentResult refund(long companyId, long paymentId, BigDecimal amount, String idempotencyKey,
                                String requestedBy) {
        String key = checkKey(idempotencyKey);
        if (amount != null) {
            money(amount, "The refund amount");
        }
        String fingerprint = fingerprint(REFUND, null, null, null, amount, paymentId);
        Optional<PaymentMapper.PaymentRow> earlier = byKey(companyId, key);
        if (earlier.isPresent()) {
            return resume(sameRequest(earlier.get(), fingerprint));
        }
        PaymentMapper.PaymentRow row = new PaymentMapper.PaymentRow();
        GatewayRefund call;
        PaymentGateway gateway;
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            PaymentMapper.PaymentRow original = m.lock(companyId, paymentId);
            if (original == null || REFUND.equals(original.kind)) {
                throw new PaymentException("There is no payment #" + paymentId + " to refund.");
            }
            if (!PaymentResult.APPROVED.equals(original.result)) {
                throw new PaymentException("Payment #" + paymentId + " was not approved, so there is nothing to"
                        + " refund.");
            }
            if (original.postActionId != null) {
                String post = actions.states(s, List.of(original.postActionId)).get(original.postActionId);
                if (ActionQueue.QUEUED.equals(post) || ActionQueue.SENT.equals(post)) {
                    throw new PaymentException("Payment #" + paymentId + " is not in QuickBooks yet (its post is "
                            + post + "); refund it once the next QuickBooks sync has posted it, so QuickBooks never"
                            + " records the full payment after a refund.");
                }
            }
            BigDecimal left = original.amount.subtract(m.refundsHeld(paymentId));
            BigDecimal value = amount == null ? left : amount;
            if (value.signum() <= 0 || value.compareTo(left) > 0) {
                throw new PaymentException("At most " + left.toPlainString() + " of payment #" + paymentId
                        + " can be refunded.");
            }
            gateway = gateways.forCompany(companyId, original.gateway);
            row.companyId = companyId;
            row.customerListId = original.customerListId;
            row.profileId = original.profileId;
            row.kind = REFUND;
            row.source = "manual";
            row.amount = value;
            row.currency = original.currency;
            row.result = PaymentResult.PENDING;
            row.gateway = original.gateway;
            row.refundOf = paymentId;
            row.idempotencyKey = key;
            row.requestFingerprint = fingerprint;
            row.postKey = UUID.randomUUID().toString();
            row.staffUser = requestedBy;
            row.createdAt = clock.instant();
            try {
                m.insertPayment(row);
            } catch (PersistenceException e) {
                if (!duplicate(e)) {
                    throw e;
                }
                s.rollback();
                return awaitOther(companyId, key, fingerprint);
            }
            call = gatewayRefund(row, original, customerProfileOf(m, original));
            s.commit();
        }
        return attempt(row, gateway, () -> gateway.refund(call), "");
    }

    private static String customerProfileOf(PaymentMapper m, PaymentMapper.PaymentRow payment) {
        PaymentMapper.ProfileRow p = payment.profileId == null ? null : m.profileRow(payment.companyId,
                payment.profileId);
        return p == null ? null : p.gatewayCustomerId;
    }

    /**
     * Asks again about an attempt whose outcome is unknown (Error), under its own idempotency key: the gateway
     * answers what it did the first time, or carries it out now; it never charges twice. Any other attempt just
     * returns its result.
     */
    public PaymentResult retry(long companyId, long paymentId) {
        PaymentMapper.PaymentRow row;
        try (SqlSession s = db.session()) {
            row = s.getMapper(PaymentMapper.class).find(companyId, paymentId);
        }
        if (row == null) {
            throw new PaymentException("There is no payment #" + paymentId + ".");
        }
        return resume(row);
    }

    /**
     * The attempt stored under a key used before: its result, or a retry when its outcome is unknown (Error, or
     * Pending abandoned for longer than {@link #STALE}). Before a charge is sent again its invoices are locked and
     * read afresh (leaving out this attempt's own hold) and its card checked: when an invoice was paid or deleted
     * since, is now below the amount, or the card was removed, or the attempt is older than the gateway keeps its
     * key, the gateway is only asked what it did under the key; nothing new is sent.
     */
    private PaymentResult resume(PaymentMapper.PaymentRow row) {
        boolean held = PaymentResult.HELD.equals(row.result);
        boolean unknown = retryable(row) || held;
        if (PaymentResult.PENDING.equals(row.result) && !unknown) {
            return awaitOther(row.companyId, row.idempotencyKey, null);
        }
        if (!unknown) {
            return result(row);
        }
        try (SqlSession s = db.session()) {
            int claimed = s.getMapper(PaymentMapper.class).claimRetry(row.id, clock.instant().minus(STALE),
                    clock.instant());
            s.commit();
            if (claimed == 0) {
                return awaitOther(row.companyId, row.idempotencyKey, null);
            }
        }
        log.info("payment {} asked about at the gateway (attempt {})", row.id, row.attempts + 1);
        PaymentGateway gateway = gateways.forCompany(row.companyId, row.gateway);
        // the gateway is asked what it did first: an answer that was lost is settled without sending anything
        if (REFUND.equals(row.kind)) {
            GatewayRefund call;
            try (SqlSession s = db.session()) {
                PaymentMapper m = s.getMapper(PaymentMapper.class);
                PaymentMapper.PaymentRow original = m.find(row.companyId, row.refundOf);
                call = gatewayRefund(row, original, customerProfileOf(m, original));
            }
            Optional<GatewayResult> known = lookup(gateway, () -> gateway.lookup(call), row);
            if (known.isPresent() || held) {
                return settleKnown(row, gateway, known);
            }
            if (tooOld(row, gateway)) {
                return finishWithout(row, PaymentResult.ERROR, notSentAgain(gateway));
            }
            return attempt(row, gateway, () -> gateway.refund(call), "");
        }
        GatewayCharge call;
        String notAgain;
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            PaymentMapper.ProfileRow profile = m.profileRow(row.companyId, row.profileId);
            List<PaymentMapper.Applied> applied = m.applied(List.of(row.id));
            call = gatewayCharge(row, profile, applied.stream().map(a -> a.invoiceTxnId).toList(),
                    applied.stream().map(a -> number(a.refNumber, a.invoiceTxnId)).toList());
            notAgain = changedSince(m, row);
            if (notAgain == null && profile.removedAt != null) {
                notAgain = "the card was removed since";
            }
            s.commit();
        }
        Optional<GatewayResult> known = lookup(gateway, () -> gateway.lookup(call), row);
        if (known.isPresent() || held) {
            return settleKnown(row, gateway, known);
        }
        if (tooOld(row, gateway)) {
            return finishWithout(row, PaymentResult.ERROR, notSentAgain(gateway));
        }
        if (notAgain != null) {
            return finishWithout(row, PaymentResult.SKIPPED, "Not charged: " + notAgain + ".");
        }
        return attempt(row, gateway, () -> gateway.charge(call), "");
    }

    /** Records what the gateway said it did; a held attempt it no longer knows of stays held. */
    private PaymentResult settleKnown(PaymentMapper.PaymentRow row, PaymentGateway gateway,
                                      Optional<GatewayResult> known) {
        GatewayResult g = known.orElseGet(() -> GatewayResult.held(row.gatewayRef, row.message));
        return attempt(row, gateway, () -> g, "");
    }

    private boolean tooOld(PaymentMapper.PaymentRow row, PaymentGateway gateway) {
        return row.createdAt.isBefore(clock.instant().minus(gateway.idempotencyWindow()));
    }

    private static String notSentAgain(PaymentGateway gateway) {
        return "Not sent again: the gateway keeps what makes a repeated call safe for "
                + gateway.idempotencyWindow().toHours() + " hours and this attempt is older, so sending it again could"
                + " take the money twice. Check the gateway's records by hand.";
    }

    /**
     * Settles an attempt from a verified gateway event: a charge the gateway approved or declined whose answer was
     * lost (Error) or that it held (Held) is recorded as the gateway says, and an approval is posted to QuickBooks
     * like any other. Attempts already decided, or still at the gateway in this moment, are left alone. Returns the
     * payment it concerns, if any.
     */
    public Optional<Long> settle(long companyId, PaymentGateway gateway, GatewayEvent event) {
        PaymentMapper.PaymentRow row = null;
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            String prefix = "lb-" + companyId + "-";
            if (event.attemptKey() != null && event.attemptKey().startsWith(prefix)) {
                row = m.findByKey(companyId, event.attemptKey().substring(prefix.length()));
            }
            if (row == null && event.chargeReference() != null) {
                row = m.findByGatewayRef(companyId, gateway.name(), event.chargeReference());
            }
            if (row == null && event.paymentId() != null) {
                // named by the gateway's own reference field: only an attempt at this gateway, for the same customer
                PaymentMapper.PaymentRow named = m.find(companyId, event.paymentId());
                if (named != null && gateway.name().equals(named.gateway) && (event.customerProfileId() == null
                        || event.customerProfileId().equals(customerProfileOf(m, named)))) {
                    row = named;
                }
            }
        }
        if (row == null) {
            return Optional.empty();
        }
        boolean open = PaymentResult.ERROR.equals(row.result) || PaymentResult.HELD.equals(row.result);
        GatewayResult g = switch (event.kind()) {
            case CHARGE_SUCCEEDED -> GatewayResult.approved(event.chargeReference(), "Approved (confirmed by "
                    + gateway.label() + ")");
            case CHARGE_FAILED -> GatewayResult.declined(event.chargeReference(), event.summary());
            default -> null;
        };
        if (g != null && open && !REFUND.equals(row.kind)) {
            try (SqlSession s = db.session()) {
                int claimed = s.getMapper(PaymentMapper.class).claimRetry(row.id, clock.instant().minus(STALE),
                        clock.instant());
                s.commit();
                if (claimed == 1) {
                    attempt(row, gateway, () -> g, "");
                }
            }
        }
        return Optional.of(row.id);
    }

    /**
     * Why a charge must not be sent again, read under the locks of its invoices (held until the caller commits) and
     * leaving out its own hold: an invoice paid or deleted in QuickBooks since, or now open for less than the amount
     * applied to it. Null when nothing changed.
     */
    private static String changedSince(PaymentMapper m, PaymentMapper.PaymentRow row) {
        List<PaymentMapper.Applied> applied = m.applied(List.of(row.id));
        if (applied.isEmpty()) {
            return null;
        }
        List<String> ids = applied.stream().map(a -> a.invoiceTxnId).sorted().toList();
        Map<String, PaymentMapper.InvoiceState> states = lockedStates(m, row.companyId, ids, row.id);
        for (PaymentMapper.Applied a : applied) {
            PaymentMapper.InvoiceState st = states.get(a.invoiceTxnId);
            String name = a.refNumber == null ? a.invoiceTxnId : a.refNumber;
            if (st == null || st.isDeleted) {
                return "invoice " + name + " was deleted in QuickBooks since";
            }
            if (st.isPaid || effective(st).compareTo(a.amount) < 0) {
                return "the invoice was paid in QuickBooks since (" + name + ")";
            }
        }
        return null;
    }

    /** What the gateway did with the attempt, if anything; a failure to ask leaves the outcome unknown. */
    private static Optional<GatewayResult> lookup(PaymentGateway gateway, Supplier<Optional<GatewayResult>> ask,
                                                  PaymentMapper.PaymentRow row) {
        try {
            return ask.get();
        } catch (RuntimeException e) {
            log.warn("gateway {} lookup failed on payment {}: {}", gateway.name(), row.id, e.toString());
            return Optional.of(GatewayResult.error("The gateway could not be asked (" + e.getClass().getSimpleName()
                    + "); the outcome is still unknown."));
        }
    }

    /** An attempt whose outcome is unknown: Error, or Pending abandoned for longer than {@link #STALE}. */
    private boolean retryable(PaymentMapper.PaymentRow row) {
        return PaymentResult.ERROR.equals(row.result) || (PaymentResult.PENDING.equals(row.result)
                && row.updatedAt.isBefore(clock.instant().minus(STALE)));
    }

    /** Records a claimed attempt as finished without calling the gateway. */
    private PaymentResult finishWithout(PaymentMapper.PaymentRow row, String result, String message) {
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            if (m.finish(row.id, result, truncate(message), null, clock.instant()) == 0) {
                s.rollback();
                return result(m.find(row.companyId, row.id));
            }
            s.commit();
        }
        log.info("{} {} for customer {} of company {}: {} ({})", row.kind, row.id, row.customerListId, row.companyId,
                result, message);
        return new PaymentResult(row.id, result, truncate(message), false);
    }

    static String truncate(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 997) + "...";
    }

    /**
     * Finishes every attempt left Pending for longer than {@link #STALE} (its process died at the gateway), and asks
     * again about every one Held that long: each is looked up at the gateway (and a Pending one sent again under its
     * own key only if the gateway has nothing) like {@link #retry}, so one the gateway approved is recorded and
     * posted. Returns how many were taken up.
     */
    public int resumeStale() {
        List<PaymentMapper.PaymentRow> stale;
        try (SqlSession s = db.session()) {
            stale = s.getMapper(PaymentMapper.class).stalePending(clock.instant().minus(STALE), 100);
        }
        int n = 0;
        for (PaymentMapper.PaymentRow row : stale) {
            try {
                resume(row);
                n++;
            } catch (RuntimeException e) {
                log.warn("abandoned payment {} could not be finished: {}", row.id, e.toString());
            }
        }
        return n;
    }

    /**
     * Waits for another request's attempt under the same key to finish, then returns its result; refused when that
     * attempt was made for a different request ({@code fingerprint} null: the caller has already compared).
     */
    private PaymentResult awaitOther(long companyId, String key, String fingerprint) {
        long until = System.nanoTime() + WAIT.toNanos();
        PaymentMapper.PaymentRow row = byKey(companyId, key).orElseThrow();
        if (fingerprint != null) {
            sameRequest(row, fingerprint);
        }
        while (PaymentResult.PENDING.equals(row.result) && System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            row = byKey(companyId, key).orElseThrow();
        }
        if (PaymentResult.PENDING.equals(row.result)) {
            return new PaymentResult(row.id, PaymentResult.ERROR, "Another request with this idempotency key is"
                    + " still at the gateway; ask again shortly for its result.", false);
        }
        return result(row);
    }

    /** Calls the gateway and records its answer; an approved charge or deposit queues its post in that transaction. */
    private PaymentResult attempt(PaymentMapper.PaymentRow row, PaymentGateway gateway, Supplier<GatewayResult> call,
                                  String note) {
        GatewayResult g;
        try {
            g = call.get();
        } catch (RuntimeException e) {
            log.warn("gateway {} failed on payment {}: {}", gateway.name(), row.id, e.toString());
            g = GatewayResult.error("The gateway did not answer (" + e.getClass().getSimpleName() + "); the outcome"
                    + " is unknown. Retry with the same idempotency key.");
        }
        String result = switch (g.outcome()) {
            case APPROVED -> PaymentResult.APPROVED;
            case DECLINED -> PaymentResult.DECLINED;
            case HELD -> PaymentResult.HELD;
            case ERROR -> PaymentResult.ERROR;
        };
        String message = truncate(((g.message() == null ? result : g.message()) + note).trim());
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            if (m.finish(row.id, result, message, g.reference(), clock.instant()) == 0) {
                s.rollback();
                return result(m.find(row.companyId, row.id));
            }
            if (g.outcome() == GatewayResult.Outcome.APPROVED && !REFUND.equals(row.kind)) {
                PaymentSettings ps = settings.get(s, row.companyId);
                List<PaymentPost.Applied> applied = new ArrayList<>();
                for (PaymentMapper.Applied a : m.applied(List.of(row.id))) {
                    applied.add(new PaymentPost.Applied(a.invoiceTxnId, a.amount));
                }
                PaymentPost post = new PaymentPost(row.companyId, row.id, row.customerListId, row.amount, applied,
                        LocalDate.ofInstant(clock.instant(), zone), ps.paymentMethodName(),
                        ps.depositAccountName(), "LB-" + row.id, row.postKey, row.staffUser);
                m.setPostAction(row.id, actions.queuePaymentPost(s, post).id());
            } else if (g.outcome() == GatewayResult.Outcome.APPROVED) {
                m.setPostAction(row.id, actions.queueRefundPost(s, refundPost(s, row)).id());
            }
            s.commit();
        }
        log.info("{} {} of {} {} for customer {} of company {}: {} ({})", row.kind, row.id, row.amount.toPlainString(),
                row.currency, row.customerListId, row.companyId, result, message);
        if (g.outcome() == GatewayResult.Outcome.APPROVED && !REFUND.equals(row.kind)) {
            try {
                afterApproval.accept(row.companyId, row.id);
            } catch (RuntimeException e) {
                log.warn("after payment {}: {}", row.id, e.toString());
            }
        }
        return new PaymentResult(row.id, result, message, false);
    }

    /** The QuickBooks record of an approved refund: a credit memo of its amount, refunded to the card. */
    private RefundPost refundPost(SqlSession s, PaymentMapper.PaymentRow refund) {
        PaymentSettings ps = settings.get(s, refund.companyId);
        CreditSettings cs = settings.credits(s, refund.companyId);
        List<String> invoices = new ArrayList<>();
        for (PaymentMapper.Applied a : s.getMapper(PaymentMapper.class).applied(List.of(refund.refundOf))) {
            invoices.add(a.refNumber != null ? a.refNumber : a.invoiceTxnId);
        }
        String description = "Refund of payment LB-" + refund.refundOf + (invoices.isEmpty() ? ""
                : " (invoice " + String.join(", ", invoices) + ")");
        return new RefundPost(refund.companyId, refund.id, refund.refundOf, refund.customerListId, refund.amount,
                LocalDate.ofInstant(clock.instant(), zone), cs.refundItemName(),
                ps.depositAccountName() != null ? ps.depositAccountName() : UNDEPOSITED_FUNDS, ps.paymentMethodName(),
                description, refund.postKey, refund.staffUser);
    }

    /** The attempt found under a key, when it was made for the same request; otherwise IdempotencyKeyConflict. */
    private static PaymentMapper.PaymentRow sameRequest(PaymentMapper.PaymentRow earlier, String fingerprint) {
        if (earlier.requestFingerprint != null && !earlier.requestFingerprint.equals(fingerprint)) {
            throw new IdempotencyKeyConflict(earlier.id);
        }
        return earlier;
    }

    private static String fingerprint(ChargeRequest r) {
        return fingerprint(r.deposit() ? DEPOSIT : CHARGE, r.customerListId(), r.profileId(), r.invoices(),
                r.depositAmount(), null);
    }

    /**
     * SHA-256 (hex) of what a request asks for: kind, customer, profile, the invoices with their amounts (in TxnID
     * order) or the deposit amount, or for a refund the payment refunded and the amount (none: what is left).
     */
    static String fingerprint(String kind, String customerListId, Long profileId, List<InvoiceAmount> invoices,
                              BigDecimal amount, Long refundOf) {
        StringBuilder b = new StringBuilder(kind).append('\n').append(customerListId).append('\n').append(profileId)
                .append('\n').append(refundOf).append('\n').append(amount == null ? "-" : plain(amount));
        if (invoices != null) {
            invoices.stream().sorted(java.util.Comparator.comparing(InvoiceAmount::txnId))
                    .forEach(ia -> b.append('\n').append(ia.txnId()).append('=').append(plain(ia.amount())));
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String plain(BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    private static String gatewayKey(PaymentMapper.PaymentRow row) {
        return "lb-" + row.companyId + "-" + row.idempotencyKey;
    }

    private PaymentResult result(PaymentMapper.PaymentRow row) {
        boolean posted = false;
        if (row.postActionId != null) {
            try (SqlSession s = db.session()) {
                posted = ActionQueue.DONE.equals(actions.states(s, List.of(row.postActionId)).get(row.postActionId));
            }
        }
        return new PaymentResult(row.id, row.result, row.message, posted);
    }

    private Optional<PaymentMapper.PaymentRow> byKey(long companyId, String key) {
        try (SqlSession s = db.session()) {
            return Optional.ofNullable(s.getMapper(PaymentMapper.class).findByKey(companyId, key));
        }
    }

    private static String checkKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY) {
            throw new PaymentException("An idempotency key of 1 to " + MAX_KEY + " characters is required.");
        }
        return key;
    }

    private static void money(BigDecimal v, String what) {
        if (v == null) {
            throw new PaymentException(what + " is required.");
        }
        if (v.signum() <= 0) {
            throw new PaymentException(what + " must be more than 0.");
        }
        if (v.stripTrailingZeros().scale() > 2) {
            throw new PaymentException(what + " can have at most two decimals.");
        }
        if (v.compareTo(MAX_AMOUNT) > 0) {
            throw new PaymentException(what + " is too large.");
        }
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException
                    || (t instanceof java.sql.SQLException sql && "23000".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Locks the invoices, then reads their states in a new statement once every lock is held, so what another charge
     * committed on them while this one waited is counted. {@code except}: a payment whose own hold is left out.
     */
    private static Map<String, PaymentMapper.InvoiceState> lockedStates(PaymentMapper m, long companyId,
                                                                       List<String> txnIds, Long except) {
        Map<String, PaymentMapper.InvoiceState> states = new HashMap<>();
        if (m.lockInvoices(companyId, txnIds).isEmpty()) {
            return states;
        }
        for (PaymentMapper.InvoiceState st : m.invoiceStates(companyId, txnIds, except)) {
            states.put(st.txnId, st);
        }
        return states;
    }

    private static BigDecimal effective(PaymentMapper.InvoiceState st) {
        BigDecimal balance = st.balanceRemaining == null ? BigDecimal.ZERO : st.balanceRemaining;
        return balance.subtract(st.held == null ? BigDecimal.ZERO : st.held);
    }

    // ---- reading ----------------------------------------------------------------------------------------------

    /** The customer's open invoices with their effective balances (what may still be charged). */
    public List<OpenInvoice> openInvoices(long companyId, String customerListId) {
        try (SqlSession s = db.session()) {
            return s.getMapper(PaymentMapper.class).openInvoices(companyId, customerListId).stream()
                    .map(st -> new OpenInvoice(st.txnId, st.refNumber, st.balanceRemaining,
                            st.held, effective(st).max(BigDecimal.ZERO).setScale(2)))
                    .toList();
        }
    }

    /** The customer's effective open balance: the sum of its open invoices' effective balances. */
    public BigDecimal openBalance(long companyId, String customerListId) {
        return openInvoices(companyId, customerListId).stream().map(OpenInvoice::effectiveBalance)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** One invoice's effective open balance (empty for an unknown invoice). */
    public Optional<BigDecimal> effectiveBalance(long companyId, String invoiceTxnId) {
        try (SqlSession s = db.session()) {
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            List<PaymentMapper.InvoiceState> st = m.invoiceStates(companyId, List.of(invoiceTxnId), null);
            return st.isEmpty() ? Optional.empty()
                    : Optional.of(st.get(0).isPaid || st.get(0).isDeleted ? BigDecimal.ZERO.setScale(2)
                    : effective(st.get(0)).max(BigDecimal.ZERO).setScale(2));
        }
    }

    public Optional<PaymentRecord> find(long companyId, long paymentId) {
        try (SqlSession s = db.session()) {
            PaymentMapper.PaymentRow row = s.getMapper(PaymentMapper.class).find(companyId, paymentId);
            return row == null ? Optional.empty() : Optional.of(records(s, companyId, List.of(row)).get(0));
        }
    }

    /** The newest attempts of a company, or of one customer ({@code customerListId} not null), newest first. */
    public List<PaymentRecord> list(long companyId, String customerListId, int limit) {
        try (SqlSession s = db.session()) {
            return records(s, companyId, s.getMapper(PaymentMapper.class).list(companyId, customerListId, limit));
        }
    }

    private List<PaymentRecord> records(SqlSession s, long companyId, List<PaymentMapper.PaymentRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        PaymentMapper m = s.getMapper(PaymentMapper.class);
        List<Long> ids = rows.stream().map(r -> r.id).toList();
        Map<Long, List<PaymentRecord.Invoice>> invoices = m.applied(ids).stream().collect(Collectors.groupingBy(
                a -> a.paymentId, LinkedHashMap::new, Collectors.mapping(a -> new PaymentRecord.Invoice(
                        a.invoiceTxnId, a.refNumber, a.amount), Collectors.toList())));
        Map<Long, String> states = actions.states(s, rows.stream().map(r -> r.postActionId)
                .filter(java.util.Objects::nonNull).toList());
        Map<Long, String> labels = new HashMap<>();
        List<PaymentRecord> out = new ArrayList<>();
        for (PaymentMapper.PaymentRow r : rows) {
            String label = null;
            if (r.profileId != null) {
                label = labels.computeIfAbsent(r.profileId, id -> {
                    PaymentMapper.ProfileRow p = m.profileRow(companyId, id);
                    return p == null ? null : p.brand + " ending " + p.last4;
                });
            }
            BigDecimal refunded = REFUND.equals(r.kind) ? BigDecimal.ZERO.setScale(2) : m.refundsHeld(r.id);
            out.add(new PaymentRecord(r.id, r.companyId, r.customerListId, r.profileId, label, r.kind, r.source,
                    r.amount, r.currency, r.result, r.message, r.gateway, r.gatewayRef, r.refundOf, r.idempotencyKey,
                    r.staffUser, r.attempts, r.createdAt, r.updatedAt, r.postActionId,
                    r.postActionId == null ? null : states.get(r.postActionId),
                    invoices.getOrDefault(r.id, List.of()), refunded,
                    retryable(r) || PaymentResult.HELD.equals(r.result)));
        }
        return out;
    }

    @Override
    public Summary summary(long companyId, String customerListId) {
        try (SqlSession s = db.session()) {
            Summary sum = s.getMapper(PaymentMapper.class).summary(companyId, customerListId);
            return sum == null ? Summary.ZERO : new Summary(sum.approved(), sum.declined(), sum.collected().setScale(2));
        }
    }

    /**
     * One row per invoice a payment paid (a deposit: one row without invoice; a refund: on its payment's invoice),
     * and the refunds and disputes the gateway reported (on the invoice of the payment they concern), newest first.
     */
    @Override
    public List<Transaction> transactions(long companyId, String customerListId) {
        List<PaymentRecord> records = list(companyId, customerListId, LEDGER_LIMIT);
        Map<Long, PaymentRecord> byId = records.stream().collect(Collectors.toMap(PaymentRecord::id, p -> p));
        List<Transaction> out = new ArrayList<>();
        for (PaymentRecord p : records) {
            if (p.refund()) {
                PaymentRecord original = byId.get(p.refundOf());
                String invoice = original == null || original.invoices().isEmpty() ? null
                        : original.invoices().get(0).txnId();
                out.add(new Transaction(p.id(), invoice, p.createdAt(), p.result(), p.amount().negate(),
                        "Refund of payment #" + p.refundOf() + (p.message() == null ? "" : ": " + p.message()), false));
            } else if (p.invoices().isEmpty()) {
                out.add(new Transaction(p.id(), null, p.createdAt(), p.result(), p.amount(), p.message(),
                        p.postedToQuickBooks()));
            } else {
                for (PaymentRecord.Invoice i : p.invoices()) {
                    out.add(new Transaction(p.id(), i.txnId(), p.createdAt(), p.result(), i.amount(), p.message(),
                            p.postedToQuickBooks()));
                }
            }
        }
        try (SqlSession s = db.session()) {
            for (GatewayMapper.EventRow e : s.getMapper(GatewayMapper.class).events(companyId, customerListId,
                    LEDGER_LIMIT)) {
                PaymentRecord p = e.paymentId == null ? null : byId.get(e.paymentId);
                String invoice = p == null || p.invoices().isEmpty() ? null : p.invoices().get(0).txnId();
                boolean refund = GatewayEvent.Kind.REFUNDED.name().equals(e.kind);
                BigDecimal amount = e.amount == null ? BigDecimal.ZERO.setScale(2) : e.amount;
                out.add(new Transaction(e.paymentId == null ? 0 : e.paymentId, invoice, e.receivedAt,
                        refund ? "Refunded" : "Disputed", refund ? amount.negate() : amount, e.summary, false));
            }
        }
        out.sort(java.util.Comparator.comparing(Transaction::at).reversed());
        return out;
    }
}
