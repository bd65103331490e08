package dev.ledgerbridge.testkit;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A ReceivePayment of the fake company as it is now; {@code unusedPayment} is the part applied to no invoice. */
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

    static QbPayment of(dev.ledgerbridge.simulate.QbPayment p) {
        return new QbPayment(p.txnId(), p.timeCreated(), p.timeModified(), p.editSequence(), p.txnNumber(),
                p.customerListId(), p.txnDate(), p.refNumber(), p.totalAmount(), p.paymentMethod(), p.memo(),
                p.depositToAccount(), p.externalGuid(), p.unusedPayment(),
                p.applied().stream().map(a -> new QbAppliedTxn(a.invoiceTxnId(), a.amount())).toList());
    }
}
