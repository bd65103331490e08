package dev.ledgerbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.App;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.QbAddress;
import dev.ledgerbridge.testkit.QbCustomer;
import dev.ledgerbridge.testkit.QbInvoice;
import dev.ledgerbridge.testkit.QbInvoiceLine;
import dev.ledgerbridge.testkit.QbInvoiceLineGroup;
import dev.ledgerbridge.testkit.QbLine;
import dev.ledgerbridge.testkit.QbLinkedTxn;
import dev.ledgerbridge.testkit.QbPayment;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/** Compares what the server stored for a company with what the fake QuickBooks company holds, row by row. */
public final class CompanyMirror {
    private CompanyMirror() {
    }

    /** One customer reduced to the fields both sides know, in one comparable string. */
    static String customerLine(String listId, String editSequence, String name, String fullName, String parent,
                               int sublevel, boolean active, String company, String first, String last, String addr1,
                               String city, String postal, String phone, String email, String cc, BigDecimal balance,
                               BigDecimal totalBalance) {
        return String.join("|", listId, editSequence, name, fullName, Objects.toString(parent), Integer.toString(sublevel),
                Boolean.toString(active), Objects.toString(company), Objects.toString(first), Objects.toString(last),
                Objects.toString(addr1), Objects.toString(city), Objects.toString(postal), Objects.toString(phone),
                Objects.toString(email), Objects.toString(cc), money(balance), money(totalBalance));
    }

    private static String money(BigDecimal v) {
        return v == null ? "null" : v.setScale(2).toPlainString();
    }

    /** The customers QuickBooks has now (deleted ones are absent). */
    static TreeMap<String, String> expected(FakeQuickBooks qb) {
        TreeMap<String, String> m = new TreeMap<>();
        for (QbCustomer c : qb.customers()) {
            QbAddress a = c.billAddress();
            m.put(c.listId(), customerLine(c.listId(), c.editSequence(), c.name(), c.fullName(), c.parentListId(),
                    c.sublevel(), c.active(), c.companyName(), c.firstName(), c.lastName(), a == null ? null : a.addr1(),
                    a == null ? null : a.city(), a == null ? null : a.postalCode(), c.phone(), c.email(), c.cc(),
                    c.balance(), c.totalBalance()));
        }
        return m;
    }

    /** The customers the server holds as not deleted for the company. */
    static TreeMap<String, String> stored(App app, long companyId) throws SQLException {
        TreeMap<String, String> m = new TreeMap<>();
        try (Connection c = app.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT list_id, edit_sequence, name, full_name, parent_list_id,"
                     + " sublevel, is_active, company_name, first_name, last_name, bill_addr1, bill_city,"
                     + " bill_postal_code, phone, email, cc, balance, total_balance FROM customer"
                     + " WHERE company_id = ? AND is_deleted = FALSE")) {
            ps.setLong(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    m.put(rs.getString(1), customerLine(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getInt(6), rs.getBoolean(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                            rs.getString(14), rs.getString(15), rs.getString(16), rs.getBigDecimal(17),
                            rs.getBigDecimal(18)));
                }
            }
        }
        return m;
    }

    /** ListIDs the server holds as deleted for the company. */
    static Set<String> storedDeleted(App app, long companyId) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = app.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT list_id FROM customer WHERE company_id = ? AND is_deleted = TRUE")) {
            ps.setLong(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return Set.copyOf(ids);
    }

    /** Asserts the server's customers equal the company's exactly, and every deletion is marked. */
    public static void assertMirrors(App app, long companyId, FakeQuickBooks qb) throws SQLException {
        assertMirrors(app, companyId, qb, true);
    }

    /**
     * As above; without {@code deletionsLogged} (a company file restored to an older copy forgets what it added
     * since), records marked deleted here need not be in QuickBooks' deletion log.
     */
    static void assertMirrors(App app, long companyId, FakeQuickBooks qb, boolean deletionsLogged) throws SQLException {
        TreeMap<String, String> expected = expected(qb);
        TreeMap<String, String> stored = stored(app, companyId);
        assertThat(stored.keySet()).as("stored customers").containsExactlyElementsOf(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(stored.get(id)).as("customer " + id).isEqualTo(expected.get(id));
        }
        if (!deletionsLogged) {
            return;
        }
        Set<String> deleted = storedDeleted(app, companyId);
        assertThat(qb.deletedCustomerIds()).as("every customer marked deleted was deleted in QuickBooks")
                .containsAll(deleted);
        // a customer created and deleted between two runs was never stored, so it cannot be marked
        Set<String> everStored = new java.util.HashSet<>(deleted);
        everStored.addAll(stored.keySet());
        assertThat(deleted).as("every stored customer deleted in QuickBooks is marked deleted")
                .containsExactlyInAnyOrderElementsOf(
                        qb.deletedCustomerIds().stream().filter(everStored::contains).toList());
    }

    private static String num(BigDecimal v) {
        return v == null ? "null" : v.stripTrailingZeros().toPlainString();
    }

    /** The invoices QuickBooks has now: header, lines in document order (groups, then their lines), links. */
    static TreeMap<String, String> expectedInvoices(FakeQuickBooks qb) {
        TreeMap<String, String> m = new TreeMap<>();
        for (QbInvoice i : qb.invoices()) {
            StringBuilder b = new StringBuilder(String.join("|", i.txnId(), i.editSequence(),
                    Integer.toString(i.txnNumber()), i.customerListId(), Objects.toString(i.txnDate()),
                    Objects.toString(i.refNumber()), Objects.toString(i.terms()), Objects.toString(i.dueDate()),
                    money(i.subtotal()), num(i.salesTaxPercentage()), money(i.salesTaxTotal()),
                    money(i.appliedAmount()), money(i.balanceRemaining()), Boolean.toString(i.paid()),
                    Objects.toString(i.memo())));
            for (QbLine l : i.lines()) {
                if (l instanceof QbInvoiceLineGroup g) {
                    b.append("\n G ").append(String.join("|", g.txnLineId(), g.itemGroup(), Objects.toString(g.desc()),
                            num(g.quantity()), money(g.totalAmount())));
                    for (QbInvoiceLine c : g.lines()) {
                        b.append("\n  L ").append(line(c, g.txnLineId()));
                    }
                } else {
                    b.append("\n L ").append(line((QbInvoiceLine) l, null));
                }
            }
            for (QbLinkedTxn t : i.linkedTxns()) {
                b.append("\n T ").append(String.join("|", t.txnId(), t.txnType(), Objects.toString(t.txnDate()),
                        Objects.toString(t.refNumber()), t.linkType(), money(t.amount())));
            }
            m.put(i.txnId(), b.toString());
        }
        return m;
    }

    private static String line(QbInvoiceLine l, String group) {
        return String.join("|", l.txnLineId(), Objects.toString(group), Objects.toString(l.item()),
                Objects.toString(l.desc()), num(l.quantity()), num(l.rate()), money(l.amount()));
    }

    /** The invoices the server holds as not deleted, in the same shape. */
    static TreeMap<String, String> storedInvoices(App app, long companyId) throws SQLException {
        TreeMap<String, StringBuilder> m = new TreeMap<>();
        try (Connection c = app.db.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT txn_id, edit_sequence, txn_number, customer_list_id,"
                    + " txn_date, ref_number, terms, due_date, subtotal, sales_tax_percentage, sales_tax_total,"
                    + " applied_amount, balance_remaining, is_paid, memo FROM invoice"
                    + " WHERE company_id = ? AND is_deleted = FALSE")) {
                ps.setLong(1, companyId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        m.put(rs.getString(1), new StringBuilder(String.join("|", rs.getString(1), rs.getString(2),
                                rs.getString(3), rs.getString(4), Objects.toString(rs.getObject(5, java.time.LocalDate.class)),
                                Objects.toString(rs.getString(6)), Objects.toString(rs.getString(7)),
                                Objects.toString(rs.getObject(8, java.time.LocalDate.class)), money(rs.getBigDecimal(9)),
                                num(rs.getBigDecimal(10)), money(rs.getBigDecimal(11)), money(rs.getBigDecimal(12)),
                                money(rs.getBigDecimal(13)), Boolean.toString(rs.getBoolean(14)),
                                Objects.toString(rs.getString(15)))));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT l.txn_id, l.is_group, l.txn_line_id,"
                    + " l.group_txn_line_id, l.item_full_name, l.description, l.quantity, l.rate, l.amount"
                    + " FROM invoice_line l JOIN invoice i ON i.company_id = l.company_id AND i.txn_id = l.txn_id"
                    + " WHERE l.company_id = ? AND i.is_deleted = FALSE ORDER BY l.txn_id, l.position")) {
                ps.setLong(1, companyId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        StringBuilder b = m.get(rs.getString(1));
                        if (rs.getBoolean(2)) {
                            b.append("\n G ").append(String.join("|", rs.getString(3), rs.getString(5),
                                    Objects.toString(rs.getString(6)), num(rs.getBigDecimal(7)),
                                    money(rs.getBigDecimal(9))));
                        } else {
                            String group = rs.getString(4);
                            b.append(group == null ? "\n L " : "\n  L ").append(String.join("|", rs.getString(3),
                                    Objects.toString(group), Objects.toString(rs.getString(5)),
                                    Objects.toString(rs.getString(6)), num(rs.getBigDecimal(7)),
                                    num(rs.getBigDecimal(8)), money(rs.getBigDecimal(9))));
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT t.txn_id, t.linked_txn_id, t.txn_type, t.txn_date,"
                    + " t.ref_number, t.link_type, t.amount FROM invoice_linked_txn t JOIN invoice i"
                    + " ON i.company_id = t.company_id AND i.txn_id = t.txn_id"
                    + " WHERE t.company_id = ? AND i.is_deleted = FALSE ORDER BY t.txn_id, t.position")) {
                ps.setLong(1, companyId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        m.get(rs.getString(1)).append("\n T ").append(String.join("|", rs.getString(2),
                                rs.getString(3), Objects.toString(rs.getObject(4, java.time.LocalDate.class)),
                                Objects.toString(rs.getString(5)), rs.getString(6), money(rs.getBigDecimal(7))));
                    }
                }
            }
        }
        TreeMap<String, String> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    /** Asserts the server's invoices equal the company's exactly (lines and links too) and deletions are marked. */
    public static void assertInvoicesMirror(App app, long companyId, FakeQuickBooks qb) throws SQLException {
        assertInvoicesMirror(app, companyId, qb, true);
    }

    static void assertInvoicesMirror(App app, long companyId, FakeQuickBooks qb, boolean deletionsLogged)
            throws SQLException {
        TreeMap<String, String> expected = expectedInvoices(qb);
        TreeMap<String, String> stored = storedInvoices(app, companyId);
        assertThat(stored.keySet()).as("stored invoices").containsExactlyElementsOf(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(stored.get(id)).as("invoice " + id).isEqualTo(expected.get(id));
        }
        if (!deletionsLogged) {
            return;
        }
        List<String> deleted = new ArrayList<>();
        try (Connection c = app.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT txn_id FROM invoice WHERE company_id = ? AND is_deleted = TRUE")) {
            ps.setLong(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deleted.add(rs.getString(1));
                }
            }
        }
        assertThat(qb.deletedInvoiceIds()).as("every invoice marked deleted was deleted in QuickBooks")
                .containsAll(deleted);
    }

    /**
     * Asserts the payments and credit memos the server holds as not deleted are the company's exactly (each with what
     * it was applied to), and every one marked deleted was deleted in QuickBooks.
     */
    public static void assertReceivablesMirror(App app, long companyId, FakeQuickBooks qb) throws SQLException {
        assertReceivablesMirror(app, companyId, qb, true);
    }

    static void assertReceivablesMirror(App app, long companyId, FakeQuickBooks qb, boolean deletionsLogged)
            throws SQLException {
        TreeMap<String, String> expected = new TreeMap<>();
        for (QbPayment p : qb.payments()) {
            StringBuilder b = new StringBuilder(String.join("|", "payment", p.editSequence(), p.customerListId(),
                    Objects.toString(p.txnDate()), Objects.toString(p.refNumber()), money(p.totalAmount()),
                    money(p.unusedPayment())));
            p.applied().forEach(a -> b.append(" > ").append(a.invoiceTxnId()).append(' ').append(money(a.amount())));
            expected.put(p.txnId(), b.toString());
        }
        for (dev.ledgerbridge.simulate.QbCreditMemo c : qb.creditMemos()) {
            StringBuilder b = new StringBuilder(String.join("|", "credit", c.editSequence(), c.customerListId(),
                    Objects.toString(c.txnDate()), Objects.toString(c.refNumber()), money(c.totalAmount()),
                    money(c.creditRemaining())));
            c.applied().forEach(a -> b.append(" > ").append(a.invoiceTxnId()).append(' ').append(money(a.amount())));
            expected.put(c.txnId(), b.toString());
        }
        TreeMap<String, StringBuilder> stored = new TreeMap<>();
        List<String> deleted = new ArrayList<>();
        try (Connection c = app.db.dataSource().getConnection()) {
            read(c, companyId, "SELECT txn_id, edit_sequence, customer_list_id, txn_date, ref_number, total_amount,"
                    + " unused_payment, is_deleted FROM received_payment WHERE company_id = ?", rs -> {
                if (rs.getBoolean(8)) {
                    deleted.add(rs.getString(1));
                } else {
                    stored.put(rs.getString(1), new StringBuilder(String.join("|", "payment", rs.getString(2),
                            rs.getString(3), Objects.toString(rs.getObject(4, java.time.LocalDate.class)),
                            Objects.toString(rs.getString(5)), money(rs.getBigDecimal(6)), money(rs.getBigDecimal(7)))));
                }
            });
            read(c, companyId, "SELECT txn_id, edit_sequence, customer_list_id, txn_date, ref_number, total_amount,"
                    + " credit_remaining, is_deleted FROM credit_memo WHERE company_id = ?", rs -> {
                if (rs.getBoolean(8)) {
                    deleted.add(rs.getString(1));
                } else {
                    stored.put(rs.getString(1), new StringBuilder(String.join("|", "credit", rs.getString(2),
                            rs.getString(3), Objects.toString(rs.getObject(4, java.time.LocalDate.class)),
                            Objects.toString(rs.getString(5)), money(rs.getBigDecimal(6)), money(rs.getBigDecimal(7)))));
                }
            });
            read(c, companyId, "SELECT txn_id, applied_txn_id, amount FROM received_payment_applied"
                    + " WHERE company_id = ? ORDER BY txn_id, position", rs -> {
                StringBuilder b = stored.get(rs.getString(1));
                if (b != null) {
                    b.append(" > ").append(rs.getString(2)).append(' ').append(money(rs.getBigDecimal(3)));
                }
            });
            read(c, companyId, "SELECT txn_id, linked_txn_id, amount FROM credit_memo_linked_txn"
                    + " WHERE company_id = ? AND txn_type = 'Invoice' ORDER BY txn_id, position", rs -> {
                StringBuilder b = stored.get(rs.getString(1));
                if (b != null) {
                    b.append(" > ").append(rs.getString(2)).append(' ').append(money(rs.getBigDecimal(3).negate()));
                }
            });
        }
        TreeMap<String, String> got = new TreeMap<>();
        stored.forEach((k, v) -> got.put(k, v.toString()));
        assertThat(got).as("payments and credit memos stored").isEqualTo(expected);
        if (!deletionsLogged) {
            return;
        }
        Set<String> deletedInQuickBooks = new java.util.HashSet<>();
        qb.deletedObjects().forEach(d -> deletedInQuickBooks.add(d.id()));
        assertThat(deletedInQuickBooks).as("every payment or credit memo marked deleted was deleted in QuickBooks")
                .containsAll(deleted);
    }

    /** Rows of a query with the company as its one parameter. */
    private static void read(Connection c, long companyId, String sql, RowReader reader) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Asserts every stored customer, invoice and payment has the currency QuickBooks gives it, and every invoice and
     * payment its exchange rate and home-currency amount; in a file without multicurrency, none of them.
     */
    static void assertCurrenciesMirror(App app, long companyId, FakeQuickBooks qb) throws SQLException {
        TreeMap<String, String> expected = new TreeMap<>();
        for (QbCustomer c : qb.customers()) {
            expected.put("customer " + c.listId(), qb.customerCurrency(c.listId()).orElse("null"));
        }
        for (QbInvoice i : qb.invoices()) {
            expected.put("invoice " + i.txnId(), qb.invoiceInHomeCurrency(i.txnId())
                    .map(f -> f.currency() + "|" + rate(f.exchangeRate()) + "|" + money(f.amountInHomeCurrency()))
                    .orElse("null|null|null"));
        }
        for (QbPayment p : qb.payments()) {
            expected.put("payment " + p.txnId(), qb.paymentInHomeCurrency(p.txnId())
                    .map(f -> f.currency() + "|" + rate(f.exchangeRate()) + "|" + money(f.amountInHomeCurrency()))
                    .orElse("null|null|null"));
        }
        TreeMap<String, String> stored = new TreeMap<>();
        try (Connection c = app.db.dataSource().getConnection()) {
            for (String sql : List.of(
                    "SELECT CONCAT('customer ', list_id), currency, NULL, NULL FROM customer",
                    "SELECT CONCAT('invoice ', txn_id), currency, exchange_rate, balance_remaining_in_home_currency"
                            + " FROM invoice",
                    "SELECT CONCAT('payment ', txn_id), currency, exchange_rate, total_amount_in_home_currency"
                            + " FROM received_payment")) {
                try (PreparedStatement ps = c.prepareStatement(sql + " WHERE company_id = ? AND is_deleted = FALSE")) {
                    ps.setLong(1, companyId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String key = rs.getString(1);
                            stored.put(key, key.startsWith("customer ") ? Objects.toString(rs.getString(2))
                                    : Objects.toString(rs.getString(2)) + "|" + rate(rs.getBigDecimal(3)) + "|"
                                    + money(rs.getBigDecimal(4)));
                        }
                    }
                }
            }
        }
        assertThat(stored).as("currencies, rates and home-currency amounts").isEqualTo(expected);
    }

    private static String rate(BigDecimal v) {
        return v == null ? "null" : v.stripTrailingZeros().toPlainString();
    }
}
