package dev.ledgerbridge.sync;

import dev.ledgerbridge.testkit.CustomerSpec;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.GroupSpec;
import dev.ledgerbridge.testkit.InvoiceLineSpec;
import dev.ledgerbridge.testkit.LineSpec;
import dev.ledgerbridge.testkit.QbAddress;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import dev.ledgerbridge.testkit.QbPayment;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * What a busy office does to a QuickBooks company between two Web Connector runs, from a seed: customers edited,
 * renamed, made inactive, moved under another parent, deleted and added; invoices edited (memo, lines, tax,
 * customer), paid in full or in part, deleted and added; payments received with nothing applied, and deleted;
 * credit memos added, applied in part and deleted.
 * Every change moves the company clock on a few seconds, so changes spread over time as they do in an office.
 */
final class CompanyChurn {

    /** How much one round changes. */
    record Volume(int customerEdits, int newCustomers, int invoiceEdits, int newInvoices, int payments) {
        Volume scaled(double f) {
            return new Volume((int) (customerEdits * f), (int) (newCustomers * f), (int) (invoiceEdits * f),
                    (int) (newInvoices * f), (int) (payments * f));
        }
    }

    private final FakeQuickBooks qb;
    private final Random rnd;
    private int renames;

    CompanyChurn(FakeQuickBooks qb, long seed) {
        this.qb = qb;
        this.rnd = new Random(seed);
    }

    /** Applies one round of changes. */
    void apply(Volume v) {
        editCustomers(v.customerEdits());
        qb.generateCustomers(v.newCustomers(), rnd.nextLong());
        editInvoices(v.invoiceEdits());
        qb.generateInvoices(v.newInvoices(), rnd.nextLong());
        qb.generatePayments(v.payments(), rnd.nextLong());
    }

    private void tick() {
        qb.advance(Duration.ofSeconds(rnd.nextInt(4)));
    }

    private void editCustomers(int n) {
        List<QbCustomer> all = qb.customers();
        if (all.isEmpty()) {
            return;
        }
        Set<String> withTransactions = new HashSet<>();
        qb.invoices().forEach(i -> withTransactions.add(i.customerListId()));
        qb.payments().forEach(p -> withTransactions.add(p.customerListId()));
        Set<String> withJobs = new HashSet<>();
        all.forEach(c -> {
            if (c.parentListId() != null) {
                withJobs.add(c.parentListId());
            }
        });
        List<String> topLevel = all.stream().filter(c -> c.sublevel() == 0).map(QbCustomer::listId).toList();
        for (int i = 0; i < n; i++) {
            String id = all.get(rnd.nextInt(all.size())).listId();
            QbCustomer c = qb.customer(id).orElse(null);
            if (c == null) {
                continue;
            }
            tick();
            switch (rnd.nextInt(10)) {
                case 0, 1 -> qb.editCustomer(id, CustomerSpec.changes().email("changed" + i + "@example.com"));
                case 2 -> qb.editCustomer(id, CustomerSpec.changes().phone(String.format("(555) 7%02d-%04d",
                        rnd.nextInt(100), rnd.nextInt(10000))));
                case 3 -> qb.setActive(id, !c.active());
                case 4 -> {
                    String base = c.name().length() > 30 ? c.name().substring(0, 30) : c.name();
                    tryEdit(id, CustomerSpec.changes().name(base + " R" + ++renames));
                }
                case 5 -> qb.editCustomer(id, CustomerSpec.changes().billAddress(QbAddress.of(
                        (1 + rnd.nextInt(999)) + " Moved & Co. St", "Zürich", "NY", "1000" + rnd.nextInt(10), "USA")));
                case 6 -> {
                    if (c.parentListId() != null && topLevel.size() > 1) {
                        String parent = topLevel.get(rnd.nextInt(topLevel.size()));
                        if (!parent.equals(c.parentListId()) && qb.customer(parent).isPresent()
                                && tryEdit(id, CustomerSpec.changes().parent(parent))) {
                            withJobs.add(parent);
                        }
                    }
                }
                case 7 -> {
                    if (!withTransactions.contains(id) && !withJobs.contains(id)) {
                        qb.deleteCustomer(id);
                    }
                }
                case 8 -> qb.editCustomer(id, CustomerSpec.changes().notes("Called on " + qb.today() + " <ok>"));
                default -> qb.editCustomer(id, CustomerSpec.changes().companyName(c.lastName() + " & Daughters"));
            }
        }
    }

    /** A change QuickBooks may refuse (a name already in use); false when it did. */
    private boolean tryEdit(String id, CustomerSpec changes) {
        try {
            qb.editCustomer(id, changes);
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    private void editInvoices(int n) {
        List<QbInvoice> all = qb.invoices();
        List<String> active = qb.customers().stream().filter(QbCustomer::active).map(QbCustomer::listId).toList();
        if (all.isEmpty() || active.isEmpty()) {
            return;
        }
        List<String> payments = new ArrayList<>(qb.payments().stream().map(QbPayment::txnId).toList());
        for (int i = 0; i < n; i++) {
            QbInvoice inv = qb.invoice(all.get(rnd.nextInt(all.size())).txnId()).orElse(null);
            if (inv == null) {
                continue;
            }
            tick();
            boolean paidSomething = !inv.linkedTxns().isEmpty();
            switch (rnd.nextInt(13)) {
                case 0, 1, 2 -> {
                    if (inv.balanceRemaining().signum() > 0) {
                        BigDecimal amount = rnd.nextBoolean() ? inv.balanceRemaining()
                                : inv.balanceRemaining().divide(BigDecimal.valueOf(3), 2, RoundingMode.DOWN)
                                        .max(new BigDecimal("0.01"));
                        payments.add(qb.applyPayment(inv.txnId(), amount).txnId());
                    }
                }
                case 3 -> qb.editInvoice(inv.txnId(), s -> s.memo("Revised " + qb.today() + " & re-sent"));
                case 4 -> {
                    if (!paidSomething) {
                        qb.editInvoice(inv.txnId(), s -> s.lines(newLines()));
                    }
                }
                case 5 -> {
                    if (!paidSomething) {
                        String to = active.get(rnd.nextInt(active.size()));
                        if (qb.customer(to).isPresent()) {
                            qb.editInvoice(inv.txnId(), s -> s.customer(to));
                        }
                    }
                }
                case 6, 7 -> qb.deleteInvoice(inv.txnId());
                case 8 -> {
                    if (!paidSomething) {
                        qb.editInvoice(inv.txnId(), s -> s.salesTaxPercentage(rnd.nextBoolean() ? "8.875" : "0"));
                    }
                }
                case 9 -> {
                    QbPayment p = qb.receiveUnappliedPayment(inv.customerListId(),
                            BigDecimal.valueOf(100 + rnd.nextInt(20_000), 2));
                    payments.add(p.txnId());
                }
                case 10 -> credit(inv);
                default -> {
                    if (!payments.isEmpty()) {
                        String p = payments.remove(rnd.nextInt(payments.size()));
                        if (qb.payment(p).isPresent()) {
                            qb.deletePayment(p);
                        }
                    }
                }
            }
        }
    }

    /** A credit memo for the invoice's customer: applied to the invoice in part, left open, or deleted later. */
    private void credit(QbInvoice inv) {
        BigDecimal amount = BigDecimal.valueOf(500 + rnd.nextInt(20_000), 2);
        String credit = qb.addCreditMemo(inv.customerListId(), "Returned <goods> & parts", amount).txnId();
        BigDecimal open = qb.invoice(inv.txnId()).map(QbInvoice::balanceRemaining).orElse(BigDecimal.ZERO);
        if (rnd.nextBoolean() && open.signum() > 0) {
            qb.applyCredit(credit, inv.txnId(), open.min(amount).divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN)
                    .max(new BigDecimal("0.01")));
        }
        List<String> older = qb.creditMemos().stream().map(c -> c.txnId()).filter(id -> !id.equals(credit)).toList();
        if (!older.isEmpty() && rnd.nextInt(3) == 0) {
            qb.deleteCreditMemo(older.get(rnd.nextInt(older.size())));
        }
    }

    private InvoiceLineSpec[] newLines() {
        int n = 1 + rnd.nextInt(4);
        List<InvoiceLineSpec> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(4)) {
                case 0 -> lines.add(GroupSpec.of("Service Bundle", "Re-quoted & bundled",
                        LineSpec.item("Labor", "On-site <2h>", "2", "85.50").taxable(),
                        LineSpec.item("Parts & Supplies", "Fittings", "3", "4.99")));
                case 1 -> lines.add(LineSpec.descriptionOnly("Note: \"revised\" quote"));
                default -> lines.add(LineSpec.item("Consulting", "Revised scope", BigDecimal.valueOf(1 + rnd.nextInt(8)),
                        BigDecimal.valueOf(1000 + rnd.nextInt(90_000), 2)));
            }
        }
        return lines.toArray(new InvoiceLineSpec[0]);
    }
}
