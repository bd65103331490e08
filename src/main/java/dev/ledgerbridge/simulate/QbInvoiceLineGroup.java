package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.util.List;

/** An InvoiceLineGroupRet; {@code totalAmount} is the sum of its lines' amounts. */
public record QbInvoiceLineGroup(
        String txnLineId,
        String itemGroup,
        String desc,
        BigDecimal quantity,
        boolean printItemsInGroup,
        BigDecimal totalAmount,
        List<QbInvoiceLine> lines) implements QbLine {

    public QbInvoiceLineGroup {
        lines = List.copyOf(lines);
    }
}
