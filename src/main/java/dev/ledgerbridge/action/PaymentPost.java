package dev.ledgerbridge.action;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An approved payment to be recorded in QuickBooks as a received payment (ReceivePaymentAdd) on the next Web Connector
 * cycle. {@code applied} is empty for a deposit, which QuickBooks holds as an unapplied payment. The idempotency key
 * travels in the payment's memo so that a write whose answer was lost can be found in QuickBooks before it is sent
 * again. {@code amount} is in the customer's currency; {@code exchangeRate} (home currency per unit of it) is given for
 * a customer whose currency is not the home currency of a multicurrency file, and null otherwise.
 */
public record PaymentPost(long companyId, long paymentId, String customerListId, BigDecimal amount,
                          List<Applied> applied, LocalDate txnDate, String paymentMethodName,
                          String depositAccountName, String refNumber, String idempotencyKey, String requestedBy,
                          BigDecimal exchangeRate) {

    /** A payment in the home currency. */
    public PaymentPost(long companyId, long paymentId, String customerListId, BigDecimal amount,
                       List<Applied> applied, LocalDate txnDate, String paymentMethodName, String depositAccountName,
                       String refNumber, String idempotencyKey, String requestedBy) {
        this(companyId, paymentId, customerListId, amount, applied, txnDate, paymentMethodName, depositAccountName,
                refNumber, idempotencyKey, requestedBy, null);
    }

    /** Part of the payment applied to one invoice. */
    public record Applied(String invoiceTxnId, BigDecimal amount) {
    }

    public PaymentPost {
        applied = List.copyOf(applied);
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 36) {
            throw new IllegalArgumentException("a payment post needs an idempotency key of 1 to 36 characters");
        }
    }

    public boolean deposit() {
        return applied.isEmpty();
    }
}
