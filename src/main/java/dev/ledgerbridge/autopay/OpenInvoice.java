package dev.ledgerbridge.autopay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An open invoice as auto processing sees it: its balance in QuickBooks, when the sync last wrote it, its customer's
 * switch (and when it was turned on, null if unknown), the live installment plan that replaces its due date (null when none),
 * and its currency code in a multicurrency file (null: the home currency).
 */
public record OpenInvoice(String txnId, String refNumber, String customerListId, String customerFullName,
                          LocalDate txnDate, LocalDate dueDate, BigDecimal balanceRemaining, boolean isPaid,
                          Instant syncedAt, boolean autoProcessing, Instant autoProcessingSince, Long livePlanId,
                          String currency) {

    /** The date auto processing counts from: the due date, or the invoice date when it has none. */
    public LocalDate chargeDate() {
        return dueDate != null ? dueDate : txnDate;
    }
}
