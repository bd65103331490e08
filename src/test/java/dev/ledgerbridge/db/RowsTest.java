package dev.ledgerbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.App;
import dev.ledgerbridge.OneCompany;
import dev.ledgerbridge.customer.Address;
import dev.ledgerbridge.customer.Customer;
import dev.ledgerbridge.customer.CustomerMapper;
import dev.ledgerbridge.invoice.Invoice;
import dev.ledgerbridge.invoice.InvoiceLine;
import dev.ledgerbridge.invoice.InvoiceLineRow;
import dev.ledgerbridge.invoice.InvoiceMapper;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A mapper's one-row insert run for many rows in one statement writes every row, value for value. */
class RowsTest {
    private static OneCompany company;
    private static App app;
    private static long companyId;

    @BeforeAll
    static void open() {
        company = new OneCompany("rows");
        app = company.app;
        companyId = company.companyId;
    }

    @AfterAll
    static void close() {
        company.close();
    }

    private static List<InvoiceMapper.LineRow> lines(String txnId, int count) {
        List<InvoiceMapper.LineRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new InvoiceMapper.LineRow(txnId, new InvoiceLine(i, "L-" + i, i % 7 == 0, i % 3 == 0 ? null : "G-" + i,
                    "80000001-1", "Hours & <Travel> \"é\" 'n " + i, i % 5 == 0 ? null : "Line " + i,
                    new BigDecimal("2.5"), new BigDecimal(i).movePointLeft(2), null, new BigDecimal(i),
                    i % 2 == 0 ? LocalDate.of(2026, 1, 1 + i % 28) : null, "Tax")));
        }
        return rows;
    }

    @Test
    void writesEveryRowOfEveryCountWithItsOwnValues() {
        for (int count : new int[] {0, 1, 3, 256, 257, 700}) {
            String txnId = "T-" + count;
            List<InvoiceMapper.LineRow> rows = lines(txnId, count);
            app.db.batchTransaction(s -> {
                Rows.insert(s, InvoiceMapper.class, "upsert", Rows.shared("companyId", companyId, "runId", 1L, "now",
                        Instant.now()), "i", List.of(invoice(txnId)));
                Rows.insert(s, InvoiceMapper.class, "insertLine", Rows.shared("companyId", companyId), "r", rows);
                return null;
            });
            List<InvoiceLineRow> stored = app.db.transaction(s -> s.getMapper(InvoiceMapper.class)
                    .lines(companyId, List.of(txnId)));
            assertThat(stored).hasSize(count);
            for (int i = 0; i < count; i++) {
                InvoiceLine want = rows.get(i).line();
                InvoiceLineRow got = stored.get(i);
                assertThat(got.position()).isEqualTo(i);
                assertThat(got.txnLineId()).isEqualTo(want.txnLineId());
                assertThat(got.groupTxnLineId()).isEqualTo(want.groupTxnLineId());
                assertThat(got.itemFullName()).isEqualTo(want.itemFullName());
                assertThat(got.description()).isEqualTo(want.description());
                assertThat(got.rate()).isEqualByComparingTo(want.rate());
                assertThat(got.ratePercent()).isNull();
                assertThat(got.amount()).isEqualByComparingTo(want.amount());
                assertThat(got.serviceDate()).isEqualTo(want.serviceDate());
            }
        }
    }

    @Test
    void anUpsertOfManyRowsUpdatesThoseStoredAndReadsNestedRecordsThatMayBeAbsent() throws Exception {
        Address bill = new Address("1 Main St", null, null, null, null, "Springfield", "IL", "62701", "US", null);
        List<Customer> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            first.add(customer("C-" + i, "Customer " + i, "1", i == 2 ? null : bill));
        }
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        app.db.batchTransaction(s -> {
            Rows.insert(s, CustomerMapper.class, "upsert", Rows.shared("companyId", companyId, "runId", null,
                    "now", now), "c", first);
            return null;
        });
        List<Customer> second = List.of(customer("C-1", "Renamed 1", "2", bill), customer("C-9", "Customer 9", "1", null));
        app.db.batchTransaction(s -> {
            Rows.insert(s, CustomerMapper.class, "upsert", Rows.shared("companyId", companyId, "runId", null,
                    "now", now), "c", second);
            return null;
        });
        Map<String, String[]> stored = new java.util.TreeMap<>();
        try (Connection c = app.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT list_id, full_name, edit_sequence, bill_city"
                     + " FROM customer WHERE company_id = ?")) {
            ps.setLong(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    stored.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                }
            }
        }
        assertThat(stored).containsOnlyKeys("C-0", "C-1", "C-2", "C-3", "C-4", "C-9");
        assertThat(stored.get("C-1")).containsExactly("Renamed 1", "2", "Springfield");
        assertThat(stored.get("C-2")).containsExactly("Customer 2", "1", null);
        assertThat(stored.get("C-9")).containsExactly("Customer 9", "1", null);
    }

    @Test
    void aParameterWithNoValueIsAClearError() {
        List<InvoiceMapper.LineRow> rows = lines("T-missing", 2);
        assertThatThrownBy(() -> app.db.batchTransaction(s -> {
            Rows.insert(s, InvoiceMapper.class, "insertLine", Rows.shared(), "r", rows);
            return null;
        })).hasStackTraceContaining("no value for the parameter companyId");
    }

    @Test
    void aStatementWithDynamicSqlIsRefused() {
        assertThatThrownBy(() -> app.db.batchTransaction(s -> {
            Rows.insert(s, InvoiceMapper.class, "count", Rows.shared("companyId", companyId), "r", List.of("x"));
            return null;
        })).hasStackTraceContaining("only a statement without dynamic SQL");
    }

    /** An invoice header with no lines or links. */
    static Invoice invoice(String txnId) {
        OffsetDateTime t = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.ofHours(-5));
        return new Invoice(txnId, t, t, "1", "7", "C-1", "Customer 1", LocalDate.of(2026, 12, 1), "R-" + txnId, null,
                null, null, BigDecimal.TEN, null, null, BigDecimal.ZERO, BigDecimal.TEN, false, false, null, List.of(),
                List.of());
    }

    private static Customer customer(String listId, String name, String editSequence, Address bill) {
        OffsetDateTime t = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.ofHours(-5));
        return new Customer(listId, t, t, editSequence, name, name, true, null, 0, null, null, null, null, null, null,
                bill, null, null, null, null, null, null, null, null, null, null, null, new BigDecimal("10.00"),
                new BigDecimal("10.00"), null, null, null, null, null);
    }
}
