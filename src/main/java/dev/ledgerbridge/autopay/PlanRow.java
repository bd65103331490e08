package dev.ledgerbridge.autopay;

import java.math.BigDecimal;
import java.time.Instant;

/** An installment plan's header; {@code invoiceRef} is the invoice's number (null when it has none). */
public record PlanRow(long id, long companyId, String customerListId, String invoiceTxnId, String invoiceRef,
                      long profileId, String state, BigDecimal total, Instant createdAt, String createdBy,
                      Instant updatedAt, String updatedBy) {
}
