package dev.ledgerbridge.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.App;
import dev.ledgerbridge.testkit.CycleResult;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import dev.ledgerbridge.testkit.QbInvoice;
import dev.ledgerbridge.testkit.QbInvoiceLineGroup;
import dev.ledgerbridge.testkit.QbLine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Checks shared by the sync end-to-end tests: a run that completed as the Web Connector expects, and the stored
 * rows themselves beside {@link CompanyMirror}'s field-by-field comparison (no key stored twice, as many line and
 * payment-link rows per invoice as QuickBooks has).
 */
final class SyncChecks {
    private SyncChecks() {
    }

    /** A fake QuickBooks company whose file the Web Connector stamped for this login, its clock at {@code now}. */
    static FakeQuickBooks company(dev.ledgerbridge.company.QbwcLogin login, String name, java.time.Instant now) {
        FakeQuickBooks qb = new FakeQuickBooks(name);
        qb.setOwnerId(dev.ledgerbridge.qbwc.QbwcService.OWNER_ID);
        qb.setFileId(login.fileId());
        qb.setNow(now);
        return qb;
    }

    /** The run went to the end: no error shown, percentages rising, below 100 until the last, which is 100. */
    static void assertCompleted(CycleResult r) {
        assertThat(r.outcome()).as("outcome of %s", r).isEqualTo(CycleResult.Outcome.COMPLETED);
        assertThat(r.lastErrors()).as("getLastError messages").isEmpty();
        assertThat(r.percentages()).as("percentages").isNotEmpty().isSorted().last().isEqualTo(100);
        assertThat(r.percentages().subList(0, r.percentages().size() - 1)).allMatch(p -> p >= 0 && p < 100);
    }

    /** Keys that must be unique per company, each as "table: key columns". */
    private static final String[][] KEYS = {
        {"customer", "company_id, list_id"},
        {"invoice", "company_id, txn_id"},
        {"invoice_line", "company_id, txn_id, position"},
        {"invoice_line", "company_id, txn_id, txn_line_id"},
        {"invoice_linked_txn", "company_id, txn_id, position"},
        {"invoice_linked_txn", "company_id, txn_id, linked_txn_id"},
        {"sync_refresh", "company_id, kind, record_id"},
    };

    /** No customer, invoice, invoice line or payment link is stored twice for the company. */
    static void assertNoDuplicates(App app, long companyId) throws SQLException {
        try (Connection c = app.db.dataSource().getConnection()) {
            for (String[] key : KEYS) {
                List<String> dupes = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT " + key[1] + ", COUNT(*) FROM " + key[0]
                        + " WHERE company_id = ? GROUP BY " + key[1] + " HAVING COUNT(*) > 1")) {
                    ps.setLong(1, companyId);
                    try (ResultSet rs = ps.executeQuery()) {
                        int count = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            StringBuilder b = new StringBuilder();
                            for (int i = 2; i < count; i++) {
                                b.append(i > 2 ? "/" : "").append(rs.getString(i));
                            }
                            dupes.add(b + " x" + rs.getInt(count));
                        }
                    }
                }
                assertThat(dupes).as("rows of %s stored more than once for (%s)", key[0], key[1]).isEmpty();
            }
        }
    }

    /** Lines as QuickBooks counts rows: each line, each group, and each line inside a group. */
    static int lineRows(QbInvoice i) {
        int n = 0;
        for (QbLine l : i.lines()) {
            n += l instanceof QbInvoiceLineGroup g ? 1 + g.lines().size() : 1;
        }
        return n;
    }

    /** Every invoice QuickBooks has is stored with exactly its number of line rows and payment links. */
    static void assertLineCounts(App app, long companyId, FakeQuickBooks qb) throws SQLException {
        TreeMap<String, String> expected = new TreeMap<>();
        for (QbInvoice i : qb.invoices()) {
            expected.put(i.txnId(), lineRows(i) + " lines, " + i.linkedTxns().size() + " links");
        }
        TreeMap<String, String> stored = new TreeMap<>();
        try (Connection c = app.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT i.txn_id,"
                     + " (SELECT COUNT(*) FROM invoice_line l WHERE l.company_id = i.company_id AND l.txn_id = i.txn_id),"
                     + " (SELECT COUNT(*) FROM invoice_linked_txn t"
                     + "   WHERE t.company_id = i.company_id AND t.txn_id = i.txn_id)"
                     + " FROM invoice i WHERE i.company_id = ? AND i.is_deleted = FALSE")) {
            ps.setLong(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), rs.getInt(2) + " lines, " + rs.getInt(3) + " links");
                }
            }
        }
        assertThat(stored).as("line and link rows per invoice").isEqualTo(expected);
    }

    /** Everything this class and {@link CompanyMirror} check, after a cycle. */
    static void assertExactMirror(App app, long companyId, FakeQuickBooks qb) throws SQLException {
        assertExactMirror(app, companyId, qb, true);
    }

    /**
     * As above; without {@code deletionsLogged} (after a company file was restored to an older copy, which forgets
     * what was added since without a deletion record), what is marked deleted here need not be in QuickBooks' log.
     */
    static void assertExactMirror(App app, long companyId, FakeQuickBooks qb, boolean deletionsLogged)
            throws SQLException {
        CompanyMirror.assertMirrors(app, companyId, qb, deletionsLogged);
        CompanyMirror.assertInvoicesMirror(app, companyId, qb, deletionsLogged);
        CompanyMirror.assertReceivablesMirror(app, companyId, qb, deletionsLogged);
        CompanyMirror.assertCurrenciesMirror(app, companyId, qb);
        assertNoDuplicates(app, companyId);
        assertLineCounts(app, companyId, qb);
    }
}
