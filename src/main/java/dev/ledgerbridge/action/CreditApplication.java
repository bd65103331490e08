package dev.ledgerbridge.action;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Open credits of a customer's credit memos to apply to its invoices in QuickBooks: one ReceivePaymentAdd of no money
 * whose applications carry SetCredit elements, on the next Web Connector cycle. As with a {@link PaymentPost}, the
 * idempotency key travels in the memo, so a write whose answer was lost is found in QuickBooks before it is sent
 * again.
 */
public record CreditApplication(long companyId, String customerListId, List<Use> uses, LocalDate txnDate,
                                String idempotencyKey, String requestedBy) {

    /** {@code amount} of credit memo {@code creditTxnId}'s credit applied to invoice {@code invoiceTxnId}. */
    public record Use(String creditTxnId, String invoiceTxnId, BigDecimal amount) {
    }

    public CreditApplication {
        uses = List.copyOf(uses);
        if (uses.isEmpty()) {
            throw new IllegalArgumentException("a credit application needs at least one credit to apply");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 36) {
            throw new IllegalArgumentException("a credit application needs an idempotency key of 1 to 36 characters");
        }
    }
}
