package dev.ledgerbridge.autopay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One dated amount of an installment plan. state: scheduled, charged, declined, failed or skipped; a declined
 * charge the retry rule tries again stays scheduled with {@code retryOn}. {@code result} and {@code message} are
 * the last attempt's.
 */
public record Installment(long planId, int seq, LocalDate dueDate, BigDecimal amount, String state, int attempts,
                          LocalDate retryOn, String result, String message, Long paymentId, Instant chargedAt) {
    public static final String SCHEDULED = "scheduled";
    public static final String CHARGED = "charged";
    public static final String DECLINED = "declined";
    public static final String FAILED = "failed";
    public static final String SKIPPED = "skipped";

    public boolean scheduled() {
        return SCHEDULED.equals(state);
    }

    /** The date it is charged on next: its own date, or the retry date after a decline. */
    public LocalDate nextDate() {
        return retryOn != null ? retryOn : dueDate;
    }
}
