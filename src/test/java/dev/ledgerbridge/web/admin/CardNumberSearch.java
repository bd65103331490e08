package dev.ledgerbridge.web.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;

/** Greps every place a card number must never reach: every row of every table, a log, the files under a folder. */
final class CardNumberSearch {
    private CardNumberSearch() {
    }

    /** Every value of every row of every table, as text (with the table's name in front). */
    static List<String> databaseText(DataSource ds) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SHOW TABLES")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("card_request", "card_request_event", "mail_log", "payment_profile");
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("SELECT * FROM `" + t.replace("`", "") + "`")) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(t).append(':');
                        for (int i = 1; i <= n; i++) {
                            row.append(' ').append(rs.getString(i));
                        }
                        out.add(row.toString());
                    }
                }
            }
        }
        return out;
    }

    /** The text of every file under a folder (none when it does not exist). */
    static List<String> filesText(Path folder) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.exists(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.add(f + ": " + new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }

    /** Fails naming the first place that holds one of the numbers, written whole or with spaces or dashes. */
    static void assertNoneOf(List<String> texts, String where, String... numbers) {
        for (String text : texts) {
            String digits = text.replaceAll("[\\s-]", "");
            for (String n : numbers) {
                assertThat(digits).as("card number %s in %s: %s", n, where, text).doesNotContain(n);
            }
        }
    }
}
