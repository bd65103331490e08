package dev.ledgerbridge.autopay;

import java.time.Instant;

/**
 * A company's auto processing rules: the company switch, days after (negative: before) the due date, the hour of
 * the day to charge at, and how a declined charge is retried (at most maxRetries more times, retryDays apart).
 * {@code updatedAt} is null while the company never saved them.
 */
public record AutoSettings(long companyId, boolean enabled, int delayDays, int runHour, int maxRetries, int retryDays,
                           Instant updatedAt, String updatedBy) {
    public static final int MAX_DELAY_DAYS = 365;
    public static final int MAX_RETRIES = 10;
    public static final int MAX_RETRY_DAYS = 60;

    public static AutoSettings defaults(long companyId) {
        return new AutoSettings(companyId, false, 0, 9, 0, 3, null, null);
    }

    /** Throws IllegalArgumentException with a message for people when a value is out of range. */
    public AutoSettings validate() {
        if (delayDays < -MAX_DELAY_DAYS || delayDays > MAX_DELAY_DAYS) {
            throw new IllegalArgumentException("Delay days must be between -" + MAX_DELAY_DAYS + " and " + MAX_DELAY_DAYS);
        }
        if (runHour < 0 || runHour > 23) {
            throw new IllegalArgumentException("The hour of day must be between 0 and 23");
        }
        if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
            throw new IllegalArgumentException("Retries must be between 0 and " + MAX_RETRIES);
        }
        if (retryDays < 1 || retryDays > MAX_RETRY_DAYS) {
            throw new IllegalArgumentException("Days between retries must be between 1 and " + MAX_RETRY_DAYS);
        }
        return this;
    }
}
