package dev.ledgerbridge.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One attempt to take or return money, as listed on the customer page and by the API: kind charge, deposit or
 * refund; the invoices it pays; the profile charged; result and message; the gateway's reference; who asked and
 * when; and the state of its post to QuickBooks (null when there is none; "done" means posted). {@code retryable}:
 * its outcome is unknown (Error, or Pending abandoned for longer than Payments.STALE), so it may be asked again at
 * the gateway under its own idempotency key.
 */
public record PaymentRecord(long id, long companyId, String customerListId, Long profileId, String profileLabel,
                            String kind, String source, BigDecimal amount, String currency, String result,
                            String message, String gateway, String gatewayRef, Long refundOf, String idempotencyKey,
                            String staffUser, int attempts, Instant createdAt, Instant updatedAt, Long postActionId,
                            String postState, List<Invoice> invoices, BigDecimal refunded, boolean retryable) {

    /** The part of the payment applied to one invoice. */
    public record Invoice(String txnId, String refNumber, BigDecimal amount) {
    }

    public boolean postedToQuickBooks() {
        return "done".equals(postState);
    }

    public boolean deposit() {
        return "deposit".equals(kind);
    }

    public boolean refund() {
        return "refund".equals(kind);
    }

    /** An approved charge or deposit with money left to refund. */
    public boolean refundable() {
        return !refund() && PaymentResult.APPROVED.equals(result) && amount.compareTo(refunded) > 0;
    }

    /** Its post to QuickBooks is still on its way (queued or sent): it cannot be refunded until posted. */
    public boolean postWaiting() {
        return "queued".equals(postState) || "sent".equals(postState);
    }

    public BigDecimal refundableAmount() {
        return amount.subtract(refunded);
    }

    /** "Posted", "Waiting (queued)", "Failed", or "" when nothing goes to QuickBooks. */
    public String postLabel() {
        if (postState == null) {
            return refund() ? "Record by hand" : "";
        }
        return switch (postState) {
            case "done" -> "Posted";
            case "failed" -> "Failed";
            default -> "Waiting (" + postState + ")";
        };
    }

    public PaymentResult toResult() {
        return new PaymentResult(id, result, message, postedToQuickBooks());
    }
}
