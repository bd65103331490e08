package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.invoice.InvoiceLineRow;
import dev.ledgerbridge.invoice.InvoiceRow;
import dev.ledgerbridge.invoice.InvoiceStore;
import dev.ledgerbridge.invoice.LinkedTxnRow;
import dev.ledgerbridge.payment.PaymentLedger;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * An invoice as the pages show it: its amount (subtotal plus tax), its state in words (Paid, Overdue, Open,
 * Deleted in QuickBooks), its lines, payments recorded in QuickBooks and Ledgerbridge's own transactions.
 */
public record InvoiceView(InvoiceRow invoice, List<InvoiceLineRow> lines, List<LinkedTxnRow> links,
                          List<PaymentLedger.Transaction> transactions, BigDecimal amount, String state) {

    static InvoiceView of(InvoiceStore.Full f, LocalDate today, List<PaymentLedger.Transaction> all) {
        InvoiceRow i = f.invoice();
        BigDecimal amount = Objects.requireNonNullElse(i.subtotal(), BigDecimal.ZERO)
                .add(Objects.requireNonNullElse(i.salesTaxTotal(), BigDecimal.ZERO));
        String state;
        if (i.isDeleted()) {
            state = "Deleted";
        } else if (i.isPaid() || (i.balanceRemaining() != null && i.balanceRemaining().signum() <= 0)) {
            state = "Paid";
        } else if (i.dueDate() != null && i.dueDate().isBefore(today)) {
            state = "Overdue";
        } else {
            state = "Open";
        }
        List<PaymentLedger.Transaction> mine = all.stream().filter(t -> i.txnId().equals(t.invoiceTxnId())).toList();
        return new InvoiceView(i, f.lines(), f.links(), mine, amount, state);
    }

    /**
     * The invoice's links other than payments and credit memos (those are shown from the payments and credit memos
     * themselves, see {@link QuickBooksReceivables}).
     */
    public List<LinkedTxnRow> otherLinks() {
        return links.stream().filter(l -> !"ReceivePayment".equals(l.txnType()) && !"CreditMemo".equals(l.txnType()))
                .toList();
    }

    /** Lines indented under their group. */
    public boolean inGroup(InvoiceLineRow l) {
        return l.groupTxnLineId() != null;
    }
}
