package dev.ledgerbridge.receivable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A payment received in QuickBooks (ReceivePaymentRet). Fields QuickBooks did not send (a query that asked for some
 * elements only, or a file without multicurrency for the currency fields) are null, {@code applied} empty.
 */
public record ReceivedPayment(
        String txnId,
        OffsetDateTime timeCreated,
        OffsetDateTime timeModified,
        String editSequence,
        String txnNumber,
        String customerListId,
        String customerFullName,
        LocalDate txnDate,
        String refNumber,
        BigDecimal totalAmount,
        String paymentMethod,
        String depositToAccount,
        String memo,
        BigDecimal unusedPayment,
        BigDecimal unusedCredits,
        List<Applied> applied,
        String currencyName,
        BigDecimal exchangeRate,
        BigDecimal totalAmountInHomeCurrency) {

    public ReceivedPayment {
        applied = applied == null ? List.of() : List.copyOf(applied);
    }

    /** What the payment was applied to (AppliedToTxnRet): an invoice, usually. */
    public record Applied(String txnId, String txnType, LocalDate txnDate, String refNumber, BigDecimal amount,
                          BigDecimal discountAmount) {
    }
}
