package dev.ledgerbridge.payment;

import java.time.Instant;

/**
 * A company's choices about credits and refunds: {@code applyCreditsFirst}: auto processing applies the customer's
 * open credit memos to a due invoice before it charges the card, and charges only what is left;
 * {@code refundItemName}: the QuickBooks item of the one line of the credit memo that records a refund made here (the
 * credit the card refund is paid out of). {@code updatedAt} is null while the company never saved them.
 */
public record CreditSettings(long companyId, boolean applyCreditsFirst, String refundItemName, Instant updatedAt,
                             String updatedBy) {
    /** The refund item of a company that never chose one. */
    public static final String DEFAULT_REFUND_ITEM = "Refunds";
    public static final int MAX_ITEM_NAME = 159;

    /** The refund item to store: blank means the default; throws PaymentException when it is too long. */
    public static String itemName(String typed) {
        String name = typed == null || typed.isBlank() ? DEFAULT_REFUND_ITEM : typed.trim();
        if (name.length() > MAX_ITEM_NAME) {
            throw new PaymentException("The QuickBooks refund item can be at most " + MAX_ITEM_NAME + " characters.");
        }
        return name;
    }

    public static CreditSettings defaults(long companyId) {
        return new CreditSettings(companyId, false, DEFAULT_REFUND_ITEM, null, null);
    }
}
