package dev.ledgerbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.App;
import dev.ledgerbridge.OneCompany;
import dev.ledgerbridge.invoice.Invoice;
import dev.ledgerbridge.invoice.InvoiceMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.ibatis.session.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A collection parameter of a lang="inList" statement stands for the list of its elements. */
class InListsTest {
    private static OneCompany company;
    private static App app;
    private static long companyId;

    @BeforeAll
    static void open() {
        company = new OneCompany("inlists");
        app = company.app;
        companyId = company.companyId;
        List<Invoice> invoices = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            invoices.add(RowsTest.invoice("T-" + i));
        }
        app.db.batchTransaction(s -> {
            Rows.insert(s, InvoiceMapper.class, "upsert", Rows.shared("companyId", companyId, "runId", 1L, "now",
                    Instant.now()), "i", invoices);
            return null;
        });
    }

    @AfterAll
    static void close() {
        company.close();
    }

    private static List<String> storedOf(List<String> ids) {
        return app.db.transaction(s -> s.getMapper(InvoiceMapper.class).versions(companyId, ids)).stream()
                .map(InvoiceMapper.StoredVersion::txnId).sorted().toList();
    }

    @Test
    void everyElementOfTheListIsMatchedAndNothingElse() {
        assertThat(storedOf(List.of("T-3"))).containsExactly("T-3");
        assertThat(storedOf(List.of("T-4", "nope", "T-0"))).containsExactly("T-0", "T-4");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            many.add("T-" + i);
        }
        assertThat(storedOf(many)).containsExactly("T-0", "T-1", "T-2", "T-3", "T-4");
        assertThat(storedOf(List.of())).isEmpty();
    }

    @Test
    void parametersBeforeTheListKeepTheirPlace() throws Exception {
        app.db.inTransaction(s -> s.getMapper(InvoiceMapper.class).markSeen(companyId, List.of("T-1", "T-2"), 77L));
        Map<String, Long> seen = new TreeMap<>();
        try (Connection c = app.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT txn_id, seen_run_id FROM invoice WHERE company_id = ?")) {
            ps.setLong(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    seen.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        assertThat(seen).containsEntry("T-1", 77L).containsEntry("T-2", 77L).containsEntry("T-0", 1L)
                .containsEntry("T-3", 1L).containsEntry("T-4", 1L);
    }

    @Test
    void aStatementWithDynamicSqlIsRefusedWhenTheMappersAreRead() {
        Configuration c = new Configuration();
        assertThatThrownBy(() -> new InLists().createSqlSource(c, "<script>SELECT 1 FROM invoice WHERE txn_id IN"
                + " (#{ids})<if test=\"x != null\"> AND 1 = 1</if></script>", Object.class))
                .hasMessageContaining("must have static SQL");
    }

    @Test
    void aStaticScriptStringTakesItsListToo() {
        Configuration c = new Configuration();
        org.apache.ibatis.mapping.SqlSource source = new InLists().createSqlSource(c, "<script>SELECT 1 FROM invoice"
                + " WHERE company_id = #{companyId} AND txn_id IN (#{ids})</script>", Object.class);
        org.apache.ibatis.mapping.BoundSql bound = source.getBoundSql(Map.of("companyId", 7L, "ids",
                List.of("A", "B", "C")));
        assertThat(bound.getSql().replaceAll("\\s+", " ").trim())
                .isEqualTo("SELECT 1 FROM invoice WHERE company_id = ? AND txn_id IN (?, ?, ?)");
        assertThat(bound.getParameterMappings()).hasSize(4);
        assertThat(bound.getAdditionalParameter(bound.getParameterMappings().get(3).getProperty())).isEqualTo("C");
    }
}
