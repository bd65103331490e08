package dev.ledgerbridge.payment;

import dev.ledgerbridge.action.ActionQueue;
import dev.ledgerbridge.action.ActionRequest;
import dev.ledgerbridge.action.CreditApplication;
import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.receivable.ReceivableMapper;
import dev.ledgerbridge.receivable.ReceivableStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open credits of a customer's credit memos applied to its invoices before a card is charged. An application is
 * queued for QuickBooks (action apply-credit) in the same transaction that holds the credit here, under locks of the
 * invoice and of the customer's credit memos: until QuickBooks confirms it and the records are read again, the credit
 * counts as spoken for and the invoice's balance as paid by it, so neither is used twice.
 */
public final class Credits {
    private static final Logger log = LoggerFactory.getLogger(Credits.class);

    private final Database db;
    private final ActionQueue actions;
    private final ReceivableStore receivables;
    private final PaymentSettingsService settings;
    private final Clock clock;
    private final ZoneId zone;

    public Credits(Database db, ActionQueue actions, ReceivableStore receivables, PaymentSettingsService settings,
                   Clock clock, ZoneId zone) {
        this.db = db;
        this.actions = actions;
        this.receivables = receivables;
        this.settings = settings;
        this.clock = clock;
        this.zone = zone;
    }

    /** Whether the company applies open credits before charging (its credit settings). */
    public boolean applyFirst(long companyId) {
        return settings.credits(companyId).applyCreditsFirst();
    }

    /**
     * Applies the customer's open credits, oldest first, to one invoice, up to what may still be charged on it;
     * returns the amount applied (zero when there was no credit or nothing to pay). The same key again applies
     * nothing more and returns what the first application gave the invoice.
     */
    public BigDecimal applyToInvoice(long companyId, String customerListId, String invoiceTxnId, String idempotencyKey,
                                     String requestedBy) {
        try (SqlSession s = db.session()) {
            Optional<ActionRequest> earlier = actions.byKey(s, idempotencyKey);
            if (earlier.isPresent()) {
                return appliedBy(earlier.get(), invoiceTxnId);
            }
            PaymentMapper m = s.getMapper(PaymentMapper.class);
            m.lockInvoices(companyId, List.of(invoiceTxnId));
            List<PaymentMapper.InvoiceState> states = m.invoiceStates(companyId, List.of(invoiceTxnId), null);
            if (states.isEmpty() || states.get(0).isPaid || states.get(0).isDeleted
                    || !customerListId.equals(states.get(0).customerListId)) {
                return BigDecimal.ZERO.setScale(2);
            }
            PaymentMapper.InvoiceState st = states.get(0);
            BigDecimal left = (st.balanceRemaining == null ? BigDecimal.ZERO : st.balanceRemaining)
                    .subtract(st.held == null ? BigDecimal.ZERO : st.held);
            List<CreditApplication.Use> uses = new ArrayList<>();
            BigDecimal total = BigDecimal.ZERO.setScale(2);
            for (ReceivableMapper.OpenCredit c : receivables.openCredits(s, companyId, customerListId,
                    ActionQueue.REFUND_MEMO_PREFIX)) {
                if (left.signum() <= 0) {
                    break;
                }
                BigDecimal take = c.available().min(left);
                if (take.signum() > 0) {
                    uses.add(new CreditApplication.Use(c.txnId(), invoiceTxnId, take));
                    total = total.add(take);
                    left = left.subtract(take);
                }
            }
            if (uses.isEmpty()) {
                return total;
            }
            ActionRequest a = actions.queueCreditApplication(s, new CreditApplication(companyId, customerListId, uses,
                    LocalDate.ofInstant(clock.instant(), zone), idempotencyKey, requestedBy));
            for (CreditApplication.Use u : uses) {
                receivables.hold(s, companyId, a.id(), customerListId, u.creditTxnId(), u.invoiceTxnId(), u.amount());
            }
            s.commit();
            log.info("credit of {} applied to invoice {} of customer {} in company {} (action {})",
                    total.toPlainString(), invoiceTxnId, customerListId, companyId, a.id());
            return total;
        }
    }

    private static BigDecimal appliedBy(ActionRequest a, String invoiceTxnId) {
        BigDecimal total = BigDecimal.ZERO.setScale(2);
        Object credits = ActionQueue.payload(a).get("credits");
        for (Object o : credits instanceof List<?> l ? l : List.of()) {
            Map<?, ?> c = (Map<?, ?>) o;
            if (invoiceTxnId.equals(c.get("invoiceTxnId"))) {
                total = total.add(new BigDecimal(String.valueOf(c.get("amount"))));
            }
        }
        return total;
    }
}
