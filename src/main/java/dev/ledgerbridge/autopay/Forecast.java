package dev.ledgerbridge.autopay;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What auto processing will do with one open invoice: charge it at {@code chargeAt} (status scheduled, or due when
 * that time has come), or nothing, with the reason; {@code amount} is what would be charged.
 */
public record Forecast(OpenInvoice invoice, Status status, Instant chargeAt, BigDecimal amount, String reason,
                       PaymentsPort.Profile profile, int attempt) {

    /** scheduled: charged at chargeAt; due: charged on the next run; the others are not charged now. */
    public enum Status { SCHEDULED, DUE, RUNNING, DONE, NOT_CHARGED }

    public boolean chargeable() {
        return status == Status.DUE;
    }

    /** The words the pages show for the status. */
    public String label() {
        return switch (status) {
            case SCHEDULED -> "Scheduled";
            case DUE -> "Due now";
            case RUNNING -> "Being charged";
            case DONE -> "Done";
            case NOT_CHARGED -> "Not charged";
        };
    }
}
