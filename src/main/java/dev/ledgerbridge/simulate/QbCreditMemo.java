package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A credit memo of the simulated company as it is now: its total, what is left to apply, and the invoices it was
 * applied to ({@code applied}: invoice TxnID and amount) and the card refunds paid out of it ({@code refunds}: the
 * ARRefundCreditCard's TxnID and amount).
 */
public record QbCreditMemo(
        String txnId,
        Instant timeCreated,
        Instant timeModified,
        String editSequence,
        int txnNumber,
        String customerListId,
        LocalDate txnDate,
        String refNumber,
        String memo,
        BigDecimal totalAmount,
        BigDecimal creditRemaining,
        List<QbAppliedTxn> applied,
        List<QbInvoiceLine> lines,
        List<QbAppliedTxn> refunds) {

    public QbCreditMemo {
        applied = List.copyOf(applied);
        lines = List.copyOf(lines);
        refunds = List.copyOf(refunds);
    }
}
