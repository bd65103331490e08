package dev.ledgerbridge.web.admin;

import dev.ledgerbridge.receivable.ReceivableMapper;
import dev.ledgerbridge.receivable.ReceivableStore;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.session.SqlSession;

/**
 * A customer's payments and credit memos as QuickBooks holds them (whoever entered them), for the customer page: each
 * invoice's payments and credits from QuickBooks, the credit memos with their remaining credit, and payments not
 * applied to an invoice. What Ledgerbridge wrote itself is marked, as its memo starts with "Ledgerbridge ".
 */
public record QuickBooksReceivables(List<Payment> payments, List<Credit> credits, Map<String, List<Row>> byInvoice) {
    static final String OWN_MEMO = "Ledgerbridge ";

    /** A payment received in QuickBooks with what it was applied to. */
    public record Payment(ReceivableMapper.PaymentRow row, List<ReceivableMapper.Link> applied) {
        public boolean fromLedgerbridge() {
            return row.memo() != null && row.memo().startsWith(OWN_MEMO);
        }
    }

    /** A credit memo with what its credit was used for (invoices, refunds). */
    public record Credit(ReceivableMapper.CreditMemoRow row, List<ReceivableMapper.Link> links) {
        public boolean fromLedgerbridge() {
            return row.memo() != null && row.memo().startsWith(OWN_MEMO);
        }

        public boolean open() {
            return !row.isDeleted() && row.creditRemaining() != null && row.creditRemaining().signum() > 0;
        }
    }

    /** One line of an invoice's history from QuickBooks: a payment, or credit of a credit memo, applied to it. */
    public record Row(LocalDate date, String kind, String refNumber, String detail, BigDecimal amount,
                      boolean fromLedgerbridge) {
    }

    static QuickBooksReceivables load(ReceivableStore store, SqlSession db, long companyId, String customerListId,
                                      int limit) {
        List<ReceivableMapper.PaymentRow> paymentRows = store.payments(db, companyId, customerListId, 1, limit).items();
        Map<String, List<ReceivableMapper.Link>> applied = store.applications(db, companyId,
                paymentRows.stream().map(ReceivableMapper.PaymentRow::txnId).toList());
        List<ReceivableMapper.CreditMemoRow> creditRows = store.creditMemos(db, companyId, customerListId, 1, limit)
                .items();
        Map<String, List<ReceivableMapper.Link>> links = store.creditMemoLinks(db, companyId,
                creditRows.stream().map(ReceivableMapper.CreditMemoRow::txnId).toList());
        List<Payment> payments = new ArrayList<>();
        Map<String, List<Row>> byInvoice = new LinkedHashMap<>();
        for (ReceivableMapper.PaymentRow p : paymentRows) {
            Payment payment = new Payment(p, applied.getOrDefault(p.txnId(), List.of()));
            payments.add(payment);
            if (p.isDeleted()) {
                continue;
            }
            for (ReceivableMapper.Link a : payment.applied()) {
                byInvoice.computeIfAbsent(a.linkedTxnId(), k -> new ArrayList<>()).add(new Row(p.txnDate(),
                        "Payment", p.refNumber(), p.paymentMethod(), a.amount(), payment.fromLedgerbridge()));
            }
        }
        List<Credit> credits = new ArrayList<>();
        for (ReceivableMapper.CreditMemoRow c : creditRows) {
            Credit credit = new Credit(c, links.getOrDefault(c.txnId(), List.of()));
            credits.add(credit);
            if (c.isDeleted()) {
                continue;
            }
            for (ReceivableMapper.Link l : credit.links()) {
                if ("Invoice".equals(l.txnType())) {
                    byInvoice.computeIfAbsent(l.linkedTxnId(), k -> new ArrayList<>()).add(new Row(c.txnDate(),
                            "Credit memo", c.refNumber(), null, l.amount() == null ? null : l.amount().abs(),
                            credit.fromLedgerbridge()));
                }
            }
        }
        byInvoice.values().forEach(rows -> rows.sort(Comparator.comparing(Row::date,
                Comparator.nullsLast(Comparator.reverseOrder()))));
        return new QuickBooksReceivables(List.copyOf(payments), List.copyOf(credits), byInvoice);
    }

    /** The invoice's payments and credits in QuickBooks, newest first. */
    public List<Row> forInvoice(String invoiceTxnId) {
        return byInvoice.getOrDefault(invoiceTxnId, List.of());
    }

    /** Payments QuickBooks holds with money not applied to any invoice. */
    public List<Payment> unapplied() {
        return payments.stream().filter(p -> !p.row().isDeleted() && p.row().unusedPayment() != null
                && p.row().unusedPayment().signum() > 0).toList();
    }

    /** The credit the customer's credit memos have left in all. */
    public BigDecimal openCredit() {
        return credits.stream().filter(Credit::open).map(c -> c.row().creditRemaining())
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
