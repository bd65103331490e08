package dev.ledgerbridge.payment;

/** The outcome of a charge or refund: result Approved, Declined, Held, Skipped or Error, with a message for people. */
public record PaymentResult(long id, String result, String message, boolean postedToQuickBooks) {
    public static final String APPROVED = "Approved";
    public static final String DECLINED = "Declined";
    public static final String SKIPPED = "Skipped";
    public static final String ERROR = "Error";
    /**
     * The gateway took the charge but has not decided it (held for review, processing): not posted to QuickBooks
     * until it is approved; asked about again, never sent again.
     */
    public static final String HELD = "Held";
    /** Stored while the gateway is being asked; never returned as a final result. */
    public static final String PENDING = "Pending";

    public boolean approved() {
        return APPROVED.equals(result);
    }
}
