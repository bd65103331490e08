package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What an office does in QuickBooks between two Web Connector runs, in proportion to the company's size: new
 * customers and invoices, edited contact details and memos, payments received, a customer made inactive, an
 * invoice deleted and, when one has no transactions, a customer deleted. Same seed, same work.
 */
final class OfficeWork {

    /** What was done, for the summary. */
    record Done(int newCustomers, int editedCustomers, int inactivated, int deletedCustomers, int newInvoices,
                int editedInvoices, int deletedInvoices, int payments) {

        @Override
        public String toString() {
            List<String> parts = new ArrayList<>();
            add(parts, newCustomers, "new customer", "new customers");
            add(parts, editedCustomers, "customer edited", "customers edited");
            add(parts, inactivated, "customer made inactive", "customers made inactive");
            add(parts, deletedCustomers, "customer deleted", "customers deleted");
            add(parts, newInvoices, "new invoice", "new invoices");
            add(parts, editedInvoices, "invoice edited", "invoices edited");
            add(parts, deletedInvoices, "invoice deleted", "invoices deleted");
            add(parts, payments, "payment received", "payments received");
            return parts.isEmpty() ? "nothing" : String.join(", ", parts);
        }

        private static void add(List<String> parts, int n, String one, String many) {
            if (n > 0) {
                parts.add(String.format(Locale.US, "%,d %s", n, n == 1 ? one : many));
            }
        }
    }

    private static final String[] NOTES = {"Called about the last invoice", "Prefers e-mail & no calls <9am",
        "Moved to the new office", "Asked for a statement"};
    private static final String[] MEMOS = {"Revised per phone call", "Updated PO & terms", "Corrected \"ship to\""};

    private OfficeWork() {
    }

    /** Does one day's work in the company; every change is stamped with the company's clock. */
    static Done day(SimulatedQuickBooks qb, long seed) {
        Random rnd = new Random(seed);
        List<String> customerIds = qb.customerIds();
        List<String> invoiceIds = qb.invoiceIds();
        int customers = customerIds.size();
        int invoices = invoiceIds.size();

        int edited = 0;
        for (int i = 0; i < Math.max(1, customers / 100); i++) {
            String id = customerIds.get(rnd.nextInt(customers));
            CustomerSpec change = CustomerSpec.changes();
            switch (rnd.nextInt(3)) {
                case 0 -> change.phone(String.format("(555) %03d-%04d", rnd.nextInt(1000), rnd.nextInt(10000)));
                case 1 -> change.notes(NOTES[rnd.nextInt(NOTES.length)]);
                default -> change.altPhone(String.format("(555) %03d-%04d", rnd.nextInt(1000), rnd.nextInt(10000)));
            }
            qb.editCustomer(id, change);
            edited++;
        }
        int inactivated = 0;
        String quiet = customerIds.get(rnd.nextInt(customers));
        if (qb.customer(quiet).map(QbCustomer::active).orElse(false)) {
            qb.setActive(quiet, false);
            inactivated++;
        }
        int newCustomers = Math.max(1, customers / 200);
        qb.generateCustomers(newCustomers, rnd.nextLong(), null);

        int newInvoices = 0;
        int editedInvoices = 0;
        int deletedInvoices = 0;
        int payments = 0;
        if (invoices > 0) {
            newInvoices = Math.max(1, invoices / 100);
            qb.generateInvoices(newInvoices, rnd.nextLong(), null);
            for (int i = 0; i < Math.max(1, invoices / 500); i++) {
                String id = invoiceIds.get(rnd.nextInt(invoices));
                if (qb.invoice(id).isPresent()) {
                    qb.editInvoice(id, InvoiceSpec.changes().memo(MEMOS[rnd.nextInt(MEMOS.length)]));
                    editedInvoices++;
                }
            }
            List<QbPayment> received = new ArrayList<>();
            qb.generatePayments(Math.max(1, invoices / 70), rnd.nextLong(), received);
            payments = received.size();
            for (int attempt = 0; attempt < 20 && deletedInvoices == 0; attempt++) {
                // an invoice nobody paid yet: deleting one with payments leaves credits nobody asked for
                String doomed = invoiceIds.get(rnd.nextInt(invoices));
                if (qb.invoice(doomed).map(inv -> inv.appliedAmount().signum() == 0).orElse(false)) {
                    qb.deleteInvoice(doomed);
                    deletedInvoices++;
                }
            }
        }
        int deletedCustomers = deleteOneWithoutTransactions(qb, rnd) ? 1 : 0;
        return new Done(newCustomers, edited, inactivated, deletedCustomers, newInvoices, editedInvoices,
                deletedInvoices, payments);
    }

    /** QuickBooks deletes only a customer without transactions and jobs; a few are tried. */
    private static boolean deleteOneWithoutTransactions(SimulatedQuickBooks qb, Random rnd) {
        List<String> ids = qb.customerIds();
        for (int attempt = 0; attempt < 20; attempt++) {
            String id = ids.get(rnd.nextInt(ids.size()));
            QbCustomer c = qb.customer(id).orElseThrow();
            if (c.balance().compareTo(BigDecimal.ZERO) != 0 || c.totalBalance().compareTo(BigDecimal.ZERO) != 0) {
                continue;
            }
            try {
                qb.deleteCustomer(id);
                return true;
            } catch (IllegalStateException e) {
                // it has transactions or jobs: another one
            }
        }
        return false;
    }
}
