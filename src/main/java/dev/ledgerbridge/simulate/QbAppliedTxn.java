package dev.ledgerbridge.simulate;

import java.math.BigDecimal;

/** The part of a received payment applied to one invoice. */
public record QbAppliedTxn(String invoiceTxnId, BigDecimal amount) {
}
