package dev.ledgerbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.App;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.QbAddress;
import dev.ledgerbridge.testkit.QbCustomer;
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
final class CompanyMirror {
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
    static void assertMirrors(App app, long companyId, FakeQuickBooks qb) throws SQLException {
        TreeMap<String, String> expected = expected(qb);
        TreeMap<String, String> stored = stored(app, companyId);
        assertThat(stored.keySet()).as("stored customers").containsExactlyElementsOf(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(stored.get(id)).as("customer " + id).isEqualTo(expected.get(id));
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
}
