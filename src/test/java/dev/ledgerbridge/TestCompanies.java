package dev.ledgerbridge;

import dev.ledgerbridge.company.QbwcLogin;
import dev.ledgerbridge.qbwc.QbwcService;
import dev.ledgerbridge.testkit.FakeQuickBooks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** Small helpers of the operations tests: a QuickBooks company for a login, a config file, table checksums. */
public final class TestCompanies {
    private TestCompanies() {
    }

    /** A fake QuickBooks company whose file the Web Connector login {@code login} may sync. */
    public static FakeQuickBooks quickBooks(QbwcLogin login, String companyName) {
        FakeQuickBooks qb = new FakeQuickBooks(companyName);
        qb.setOwnerId(QbwcService.OWNER_ID);
        qb.setFileId(login.fileId());
        qb.setNow(Instant.parse("2026-03-02T15:00:00Z"));
        return qb;
    }

    /** Writes the settings as a properties file, as an operator's --config FILE. */
    public static Path configFile(Path file, Map<dev.ledgerbridge.config.Setting, String> settings) throws IOException {
        StringBuilder b = new StringBuilder();
        settings.forEach((k, v) -> b.append(k.key()).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** Every table of the database with its row count and CHECKSUM TABLE value: equal maps, equal data. */
    public static Map<String, String> tableChecksums(DataSource ds) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE()")) {
                while (rs.next()) {
                    out.put(rs.getString(1), "");
                }
            }
            for (String t : out.keySet()) {
                String count;
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + t + "`")) {
                    rs.next();
                    count = rs.getString(1);
                }
                try (ResultSet rs = st.executeQuery("CHECKSUM TABLE `" + t + "`")) {
                    rs.next();
                    out.put(t, count + " rows, checksum " + rs.getString(2));
                }
            }
        }
        return out;
    }
}
