package dev.ledgerbridge;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.db.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, empty databases for tests: on one embedded MariaDB started once per test JVM (under
 * target/test-mariadb), or on the external server named by {@code -Dledgerbridge.test.jdbcUrl}.
 */
public final class TestDb {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<String> CREATED = new ArrayList<>();
    private static EmbeddedMariaDb embedded;
    private static String adminUrl;
    private static String user;
    private static String password;

    private TestDb() {
    }

    public static boolean external() {
        String url = System.getProperty("ledgerbridge.test.jdbcUrl", "");
        return !url.isBlank();
    }

    private static synchronized void init() {
        if (adminUrl != null) {
            return;
        }
        if (external()) {
            adminUrl = System.getProperty("ledgerbridge.test.jdbcUrl").trim();
        } else {
            Path dir = Path.of(System.getProperty("ledgerbridge.target.dir", "target")).resolve("test-mariadb");
            embedded = EmbeddedMariaDb.start(dir);
            user = embedded.user();
            password = embedded.password();
            adminUrl = embedded.jdbcUrl();
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestDb::dropAll));
    }

    /** The JDBC URL of a new empty database (same server, another name). */
    public static synchronized String freshUrl() {
        init();
        String name = "ledgerbridge_t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = connect(adminUrl); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        CREATED.add(name);
        return withDatabase(adminUrl, name);
    }

    /** A configuration on a new empty database, port 0, cheap password hashing, plus the given settings. */
    /** The secrets key every test server gets (so none writes a key file into the working folder). */
    public static final String SECRETS_KEY = "bGVkZ2VyYnJpZGdlIHRlc3Qgc2VjcmV0cyBrZXkgMzI=";

    public static Config freshConfig(Map<Setting, String> extra) {
        Map<Setting, String> m = new EnumMap<>(Setting.class);
        m.put(Setting.DB_URL, freshUrl());
        if (user != null) {
            m.put(Setting.DB_USER, user);
            m.put(Setting.DB_PASSWORD, password);
        }
        m.put(Setting.HTTP_PORT, "0");
        m.put(Setting.HTTP_HOST, "127.0.0.1");
        m.put(Setting.PASSWORD_HASH_COST, "4");
        m.put(Setting.SECRETS_KEY, SECRETS_KEY);
        m.putAll(extra);
        return Config.of(m);
    }

    public static Config freshConfig() {
        return freshConfig(Map.of());
    }

    static String withDatabase(String url, String name) {
        int slash = url.indexOf('/', "jdbc:mariadb://".length());
        int q = url.indexOf('?');
        String base = slash < 0 ? (q < 0 ? url : url.substring(0, q)) : url.substring(0, slash);
        String params = q < 0 ? "" : url.substring(q);
        return base + "/" + name + params;
    }

    private static Connection connect(String url) throws SQLException {
        return user == null ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
    }

    private static synchronized void dropAll() {
        try (Connection c = connect(adminUrl); Statement st = c.createStatement()) {
            for (String name : CREATED) {
                st.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException ignored) {
            // the test JVM is ending; a leftover database is harmless
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
