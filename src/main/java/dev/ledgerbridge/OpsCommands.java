package dev.ledgerbridge;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.db.DatabaseException;
import dev.ledgerbridge.db.DbEndpoint;
import dev.ledgerbridge.db.EmbeddedMariaDb;
import dev.ledgerbridge.ops.Backup;
import dev.ledgerbridge.ops.Certificates;
import dev.ledgerbridge.ops.Doctor;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The operators' commands: cert, doctor, backup, restore (Main lists them). */
final class OpsCommands {
    private OpsCommands() {
    }

    @Command(name = "cert", description = "Make a self-signed HTTPS certificate for a host name, for evaluation.")
    static final class Cert extends Main.Common implements Callable<Integer> {
        @Option(names = "--host", required = true, paramLabel = "NAME",
                description = "Host name the Web Connector uses, e.g. qb.example.com (not an IP address).")
        String host;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Certificate file to write (default: <data-dir>/https/NAME.crt); the key goes beside it as .key.")
        Path out;

        @Option(names = "--days", defaultValue = "365", description = "Days the certificate is valid (default 365).")
        int days;

        @Override
        public Integer call() throws Exception {
            if (days < 1 || days > 3650) {
                throw new IllegalArgumentException("--days must be between 1 and 3650");
            }
            Config cfg = load();
            Path certFile = (out != null ? out : cfg.dataDir().resolve("https").resolve(host.trim() + ".crt"))
                    .toAbsolutePath().normalize();
            String name = certFile.getFileName().toString();
            Path keyFile = certFile.resolveSibling((name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name)
                    + ".key");
            Instant now = Instant.now();
            Certificates.KeyAndChain kc = Certificates.selfSigned(host, now.minus(Duration.ofHours(1)),
                    now.plus(Duration.ofDays(days)));
            Certificates.writePem(kc, certFile, keyFile);
            System.out.println("Wrote a self-signed certificate for " + host.trim() + " (valid " + days + " days):");
            System.out.println("  certificate: " + certFile);
            System.out.println("  private key: " + keyFile + " (readable by this user only)");
            System.out.println("Next:");
            System.out.println("  1. In conf/ledgerbridge.properties set");
            System.out.println("       https.cert.pem=" + certFile.toString().replace('\\', '/'));
            System.out.println("       https.key.pem=" + keyFile.toString().replace('\\', '/'));
            System.out.println("     and restart the server; it then answers on https://" + host.trim() + ":" + cfg.httpsPort());
            System.out.println("  2. On the QuickBooks PC, import " + certFile.getFileName() + " into the Windows store"
                    + " 'Trusted Root Certification Authorities' (Local Computer), or the Web Connector will refuse it.");
            System.out.println("  3. Check with: ledgerbridge doctor");
            System.out.println("A self-signed certificate is for evaluation; use one from a certificate authority in"
                    + " production (see the README's HTTPS section).");
            return 0;
        }
    }

    @Command(name = "backup", description = "Write a consistent SQL dump of the database to a file (the server may run).")
    static final class BackupCommand extends Main.Common implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The dump to write (.sql).")
        Path out;

        @Override
        public Integer call() {
            Backup.backup(load(), out);
            System.out.println("Backup written to " + out.toAbsolutePath().normalize());
            return 0;
        }
    }

    @Command(name = "restore", description = "Load a backup into an empty database (stop the server first).")
    static final class RestoreCommand extends Main.Common implements Callable<Integer> {
        @Option(names = "--in", required = true, paramLabel = "FILE", description = "A dump written by backup.")
        Path in;

        @Option(names = "--replace", description = "Drop the tables of a database that is not empty first.")
        boolean replace;

        @Override
        public Integer call() {
            Backup.restore(load(), in, replace);
            System.out.println("Restored " + in.toAbsolutePath().normalize() + ". Start the server: it applies any"
                    + " migrations newer than the backup.");
            return 0;
        }
    }

    @Command(name = "doctor", description = "Check what the Web Connector will check (HTTPS, host name, certificate,"
            + " AppSupport) and the database; print each problem with its fix. Exit 3 when a check fails.")
    static final class DoctorCommand extends Main.Common implements Callable<Integer> {
        @Override
        public Integer call() {
            Config cfg = load();
            Doctor.Report report;
            try {
                report = withDataSource(cfg, ds -> new Doctor(cfg, ds, Clock.systemUTC()).run());
            } catch (DatabaseException e) {
                System.out.println("The database could not be opened: " + e.getMessage());
                report = new Doctor(cfg, null, Clock.systemUTC()).run();
            }
            System.out.print(report.text());
            return report.hasErrors() ? Main.FAILED : 0;
        }

        /** The configured database, reached beside a running server when one holds the embedded database. */
        private static <T> T withDataSource(Config cfg, Function<DataSource, T> work) {
            if (!cfg.embeddedDatabase()) {
                DbEndpoint db = DbEndpoint.external(cfg);
                return work.apply(dataSource(cfg.get(Setting.DB_URL), db));
            }
            Optional<DbEndpoint> running = EmbeddedMariaDb.ofRunningServer(cfg.dataDir());
            if (running.isPresent()) {
                return work.apply(dataSource(null, running.get()));
            }
            try (EmbeddedMariaDb embedded = EmbeddedMariaDb.start(cfg.dataDir())) {
                return work.apply(dataSource(null, embedded.endpoint()));
            }
        }

        private static DataSource dataSource(String url, DbEndpoint db) {
            try {
                MariaDbDataSource ds = new MariaDbDataSource(url != null ? url
                        : "jdbc:mariadb://" + db.host() + ":" + db.port() + "/" + db.database());
                if (!db.user().isEmpty()) {
                    ds.setUser(db.user());
                }
                if (!db.password().isEmpty()) {
                    ds.setPassword(db.password());
                }
                return ds;
            } catch (SQLException e) {
                throw new DatabaseException("cannot reach the database " + db + ": " + e.getMessage(), e);
            }
        }
    }
}
