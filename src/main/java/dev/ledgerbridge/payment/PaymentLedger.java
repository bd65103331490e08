package dev.ledgerbridge.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the pages read about money taken through Ledgerbridge: the summary cards of a customer and its
 * transactions. Until card payments exist, {@link #NONE} answers zero and nothing.
 */
public interface PaymentLedger {

    /** Approved and declined transactions and the total collected from one customer through Ledgerbridge. */
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
