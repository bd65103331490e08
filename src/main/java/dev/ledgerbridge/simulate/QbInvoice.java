package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An invoice of the simulated company as it is now. {@code appliedAmount} is zero or negative;
 * {@code balanceRemaining = subtotal + salesTaxTotal + appliedAmount}.
 */
public record QbInvoice(
        String txnId,
        Instant timeCreated,
        Instant timeModified,
        String editSequence,
        int txnNumber,
        String customerListId,
        String customerFullName,
        LocalDate txnDate,
        String refNumber,
        QbAddress billAddress,
        String poNumber,
        String terms,
        LocalDate dueDate,
        BigDecimal subtotal,
        BigDecimal salesTaxPercentage,
        BigDecimal salesTaxTotal,
        BigDecimal appliedAmount,
        BigDecimal balanceRemaining,
        String memo,
        boolean paid,
        List<QbLinkedTxn> linkedTxns,
        List<QbLine> lines,
        QbAddress shipAddress,
        LocalDate shipDate,
        Map<String, String> customFields) {

    public QbInvoice {
        linkedTxns = List.copyOf(linkedTxns);
        lines = List.copyOf(lines);
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }

    /** Subtotal plus sales tax: what the customer was billed. */
    public BigDecimal total() {
        return subtotal.add(salesTaxTotal);
    }
}
