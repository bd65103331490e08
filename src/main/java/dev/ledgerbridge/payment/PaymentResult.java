package dev.ledgerbridge.payment;

/** The outcome of a charge or refund: result Approved, Declined, Skipped or Error, with a message for people. */
public record PaymentResult(long id, String result, String message, boolean postedToQuickBooks) {
    public static final String APPROVED = "Approved";
    public static final String DECLINED = "Declined";
    public static final String SKIPPED = "Skipped";
    public static final String ERROR = "Error";
    /** Stored while the gateway is being asked; never returned as a final result. */
    public static final String PENDING = "Pending";

    public boolean approved() {
        return APPROVED.equals(result);
    }
}
