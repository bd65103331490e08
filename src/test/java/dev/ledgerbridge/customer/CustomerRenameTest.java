package dev.ledgerbridge.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.App;
import dev.ledgerbridge.OneCompany;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A renamed customer's stored jobs follow its new name; a customer that takes the old name keeps its own jobs. */
class CustomerRenameTest {
    private static OneCompany company;
    private static App app;
    private static long companyId;

    @BeforeAll
    static void open() {
        company = new OneCompany("rename");
        app = company.app;
        companyId = company.companyId;
    }

    @AfterAll
    static void close() {
        company.close();
    }

    @Test
    void aNewCustomerWithTheOldNameInTheSamePageKeepsItsJobs() throws Exception {
        // given: Smith and its job Bath are stored
        upsert(List.of(customer("S-1", "1", "Smith", null, 0), customer("J-1", "1", "Smith:Bath", "S-1", 1)));

        // when: one page renames Smith to Smith Old and brings a new Smith with a job Kitchen, in either order
        upsert(List.of(customer("S-2", "1", "Smith", null, 0), customer("J-2", "1", "Smith:Kitchen", "S-2", 1),
                customer("S-1", "2", "Smith Old", null, 0)));

        // then
        assertThat(fullNames()).containsExactlyInAnyOrderEntriesOf(Map.of("S-1", "Smith Old", "J-1", "Smith Old:Bath",
                "S-2", "Smith", "J-2", "Smith:Kitchen"));
    }

    private static void upsert(List<Customer> page) {
        app.db.batchTransaction(s -> app.customers.upsert(s, companyId, page, null));
    }

    private static Map<String, String> fullNames() throws Exception {
        Map<String, String> names = new TreeMap<>();
        try (Connection c = app.db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT list_id, full_name FROM customer WHERE company_id = ?")) {
            ps.setLong(1, companyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return names;
    }

    private static Customer customer(String listId, String editSequence, String fullName, String parent, int sublevel) {
        OffsetDateTime t = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.ofHours(-5));
        String name = fullName.substring(fullName.lastIndexOf(':') + 1);
        return new Customer(listId, t, t, editSequence, name, fullName, true, parent, sublevel, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, BigDecimal.ZERO,
                BigDecimal.ZERO, null, null, null, null, null);
    }
}
