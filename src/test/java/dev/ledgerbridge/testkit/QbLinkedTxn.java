package dev.ledgerbridge.testkit;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A LinkedTxn of an invoice; for a payment the amount is negative, as QuickBooks reports it. */
public record QbLinkedTxn(String txnId, String txnType, LocalDate txnDate, String refNumber, String linkType,
                          BigDecimal amount) {

    static QbLinkedTxn of(dev.ledgerbridge.simulate.QbLinkedTxn l) {
        return new QbLinkedTxn(l.txnId(), l.txnType(), l.txnDate(), l.refNumber(), l.linkType(), l.amount());
    }
}
