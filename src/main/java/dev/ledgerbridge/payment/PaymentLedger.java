package dev.ledgerbridge.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the pages read about money taken through Ledgerbridge: the summary cards of a customer and its
 * transactions. Until card payments exist, {@link #NONE} answers zero and nothing.
 */
public interface PaymentLedger {

    /**
     * Approved and declined transactions and the total collected from one customer through Ledgerbridge. Totals are
     * never added across currencies: where a customer paid in several, {@code collected} is in its own currency and
     * {@link #collectedByCurrency} holds each.
     */
    record Summary(long approved, long declined, BigDecimal collected) {
        public static final Summary ZERO = new Summary(0, 0, BigDecimal.ZERO.setScale(2));
    }

    /**
     * One attempt to collect money. {@code result} is Approved, Declined, Skipped, Queued, Pending or Error;
     * {@code invoiceTxnId} is null for a deposit.
     */
    record Transaction(long id, String invoiceTxnId, Instant at, String result, BigDecimal amount, String message,
                       boolean postedToQuickBooks) {
    }

    Summary summary(long companyId, String customerListId);

    /** What was collected from one customer, net of refunds, per ISO currency code (empty when nothing was). */
    default Map<String, BigDecimal> collectedByCurrency(long companyId, String customerListId) {
        return Map.of();
    }

    /** The customer's transactions, newest first. */
    List<Transaction> transactions(long companyId, String customerListId);

    PaymentLedger NONE = new PaymentLedger() {
        @Override
        public Summary summary(long companyId, String customerListId) {
            return Summary.ZERO;
        }

        @Override
        public List<Transaction> transactions(long companyId, String customerListId) {
            return List.of();
        }
    };
}
