package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A credit card refund (ARRefundCreditCard) of the simulated company: money paid back to a customer out of the
 * credits it names ({@code applied}: credit memo TxnID and amount refunded from it).
 */
public record QbRefund(
        String txnId,
        Instant timeCreated,
        String customerListId,
        LocalDate txnDate,
        String refNumber,
        BigDecimal totalAmount,
        String refundFromAccount,
        String paymentMethod,
        String memo,
        List<QbAppliedTxn> applied) {

    public QbRefund {
        applied = List.copyOf(applied);
    }
}
