package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A ReceivePayment of the simulated company as it is now; {@code unusedPayment} is the part applied to no invoice. */
public record QbPayment(
        String txnId,
        Instant timeCreated,
        Instant timeModified,
        String editSequence,
        int txnNumber,
        String customerListId,
        LocalDate txnDate,
        String refNumber,
        BigDecimal totalAmount,
        String paymentMethod,
        String memo,
        String depositToAccount,
        String externalGuid,
        BigDecimal unusedPayment,
        List<QbAppliedTxn> applied) {

    public QbPayment {
        applied = List.copyOf(applied);
    }
}
