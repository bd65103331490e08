package dev.ledgerbridge.autopay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One charge attempt of the scheduler (a row of auto_charge): claimed, then done with its result. */
public record ChargeRow(long id, long companyId, String chargeKey, String kind, String customerListId,
                        String invoiceTxnId, LocalDate dueDate, Long planId, Integer installmentSeq, int attempt,
                        long profileId, BigDecimal amount, String state, String claimedBy, Instant claimedAt,
                        Instant leaseUntil, String result, String message, Long paymentId, Instant finishedAt) {
    public static final String CLAIMED = "claimed";
    public static final String DONE = "done";

    public boolean done() {
        return DONE.equals(state);
    }
}
