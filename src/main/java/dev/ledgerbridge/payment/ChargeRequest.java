package dev.ledgerbridge.payment;

import java.math.BigDecimal;
import java.util.List;

/**
 * A request to charge a payment profile: against one or more invoices, or (no invoices, {@code depositAmount} set)
 * as a deposit not yet applied to an invoice. The idempotency key (1 to 100 characters, unique per company) makes a
 * repeated request return the first result. {@code source}: manual, deposit, auto, installment, card-request, api.
 */
public record ChargeRequest(long companyId, String customerListId, long profileId, List<InvoiceAmount> invoices,
                            BigDecimal depositAmount, String idempotencyKey, String source, String requestedBy) {

    public static final List<String> SOURCES = List.of("manual", "deposit", "auto", "installment", "card-request",
            "api");

    public ChargeRequest {
        invoices = invoices == null ? List.of() : List.copyOf(invoices);
    }

    public boolean deposit() {
        return invoices.isEmpty();
    }
}
