package dev.ledgerbridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real three-node MariaDB Galera cluster on loopback, for tests of several server instances on one replicated
 * database. Every node has its own SQL, group-communication, IST and SST ports and its own data folder (owned by
 * the {@code mysql} user, as the rsync state transfer needs); the first node bootstraps the cluster, the others join
 * it by state transfer. A node can be killed with SIGKILL and started again; {@link #close()} kills every node and
 * deletes the folders.
 *
 * <p>Tests call {@link #unavailableReason()} first and skip with its message where the Galera library, the MariaDB
 * server or rsync is missing.
 */
public final class GaleraCluster implements AutoCloseable {
    /** The Galera provider library Debian's galera-4 package installs. */
    static final List<Path> PROVIDERS = List.of(Path.of("/usr/lib/galera/libgalera_smm.so"),
            Path.of("/usr/lib/libgalera_smm.so"));
    static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    static final Path RSYNC = Path.of("/usr/bin/rsync");
    public static final String USER = "ledgerbridge";
    public static final String PASSWORD = "galera-test-password";
    /** As root the nodes run as the mysql user (mariadbd refuses root; rsync state transfer needs the owner). */
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path base;
    private final Path provider;
    private final List<Node> nodes = new ArrayList<>();

    /** One node's ports, folder and process. */
    public static final class Node {
        final int index;
        final int sqlPort;
        final int groupPort;
        final int istPort;
        final int sstPort;
        final Path dir;
        Process process;

        Node(int index, Path dir) {
            this.index = index;
            this.dir = dir;
            this.sqlPort = freePort();
            this.groupPort = freePort();
            this.istPort = freePort();
            this.sstPort = freePort();
        }

        public int sqlPort() {
            return sqlPort;
        }

        public boolean running() {
            return process != null && process.isAlive();
        }
    }

    /** Why a cluster cannot be started here, or null when it can. */
    public static String unavailableReason() {
        if (PROVIDERS.stream().noneMatch(Files::isRegularFile)) {
            return "Galera tests skipped: the galera-4 package (libgalera_smm.so) is not installed";
        }
        if (!Files.isExecutable(MARIADBD) || !Files.isExecutable(INSTALL_DB)) {
            return "Galera tests skipped: the MariaDB server (/usr/sbin/mariadbd, mariadb-install-db) is not installed";
        }
        if (!Files.isExecutable(RSYNC)) {
            return "Galera tests skipped: rsync (the state transfer method) is not installed";
        }
        return null;
    }

    private GaleraCluster(Path base, Path provider) {
        this.base = base;
        this.provider = provider;
    }

    /** Starts three nodes under {@code base} (emptied first) and waits until all three are in the cluster. */
    public static GaleraCluster start(Path base) {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason);
        }
        Path provider = PROVIDERS.stream().filter(Files::isRegularFile).findFirst().orElseThrow();
        GaleraCluster cluster = new GaleraCluster(base.toAbsolutePath(), provider);
        try {
            cluster.create();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void create() {
        deleteTree(base);
        for (int i = 0; i < 3; i++) {
            nodes.add(new Node(i, base.resolve("node" + i)));
        }
        List<Process> installs = new ArrayList<>();
        for (Node n : nodes) {
            try {
                Files.createDirectories(n.dir.resolve("data"));
                // a temporary folder of its own: servers sharing /tmp trip over each other's temporary tables
                Files.createDirectories(n.dir.resolve("tmp"));
                if (ROOT) {
                    chownToMysql(n.dir);
                }
                installs.add(new ProcessBuilder(INSTALL_DB.toString(), "--no-defaults", "--user=" + runAs(),
                        "--datadir=" + n.dir.resolve("data"), "--auth-root-authentication-method=normal",
                        "--skip-test-db", "--tmpdir=" + n.dir.resolve("tmp"))
                        .redirectErrorStream(true)
                        .redirectOutput(n.dir.resolve("install.log").toFile())
                        .start());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (int i = 0; i < installs.size(); i++) {
            if (waitFor(installs.get(i)) != 0) {
                throw new IllegalStateException("mariadb-install-db failed for node " + i + ": "
                        + tail(nodes.get(i).dir.resolve("install.log")));
            }
        }
        launch(nodes.get(0), true);
        awaitSynced(nodes.get(0));
        try (Connection c = DriverManager.getConnection(rootUrl(nodes.get(0))); Statement st = c.createStatement()) {
            for (String host : List.of("127.0.0.1", "localhost")) {
                st.execute("CREATE USER '" + USER + "'@'" + host + "' IDENTIFIED BY '" + PASSWORD + "'");
                st.execute("GRANT ALL ON *.* TO '" + USER + "'@'" + host + "' WITH GRANT OPTION");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test user on node 0: " + e.getMessage(), e);
        }
        launch(nodes.get(1), false);
        awaitSynced(nodes.get(1));
        launch(nodes.get(2), false);
        awaitSynced(nodes.get(2));
        awaitClusterSize(3);
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Node node(int i) {
        return nodes.get(i);
    }

    /** A JDBC URL on one node (user and password in the URL). */
    public String url(int node, String database) {
        return "jdbc:mariadb://127.0.0.1:" + nodes.get(node).sqlPort + "/" + database + "?" + credentials();
    }

    /**
     * A multi-host URL listing every node, {@code first} first: {@code mode} is {@code sequential} or
     * {@code loadbalance}.
     */
    public String multiHostUrl(String mode, int first, String database) {
        List<Node> order = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            order.add(nodes.get((first + i) % nodes.size()));
        }
        String hosts = order.stream().map(n -> "127.0.0.1:" + n.sqlPort).collect(Collectors.joining(","));
        return "jdbc:mariadb:" + mode + "://" + hosts + "/" + database + "?" + credentials();
    }

    private static String runAs() {
        return ROOT ? "mysql" : System.getProperty("user.name");
    }

    private static String credentials() {
        return "user=" + USER + "&password=" + PASSWORD;
    }

    private static String rootUrl(Node n) {
        return "jdbc:mariadb://localhost:" + n.sqlPort + "/mysql?user=root";
    }

    /** Creates an empty database (replicated to every node) and returns its name. */
    public void createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(url(firstRunning(), "mysql"));
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    private int firstRunning() {
        return nodes.stream().filter(Node::running).findFirst().orElseThrow().index;
    }

    /** Kills a node with SIGKILL, as a crash or a pulled cable would, and waits until the others see it gone. */
    public void kill(int i) {
        Node n = nodes.get(i);
        n.process.destroyForcibly();
        waitFor(n.process);
        awaitClusterSize((int) nodes.stream().filter(Node::running).count());
    }

    /** Starts a killed node again and waits until it has caught up and the cluster has all three. */
    public void restart(int i) {
        Node n = nodes.get(i);
        if (n.running()) {
            throw new IllegalStateException("node " + i + " is running");
        }
        launch(n, false);
        awaitSynced(n);
        awaitClusterSize(3);
    }

    private void launch(Node n, boolean bootstrap) {
        String cluster = nodes.stream().map(x -> "127.0.0.1:" + x.groupPort).collect(Collectors.joining(","));
        List<String> cmd = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults",
                "--user=" + runAs(),
                "--datadir=" + n.dir.resolve("data"),
                "--tmpdir=" + n.dir.resolve("tmp"),
                "--socket=" + n.dir.resolve("mysqld.sock"),
                "--pid-file=" + n.dir.resolve("mysqld.pid"),
                "--port=" + n.sqlPort,
                "--bind-address=127.0.0.1",
                "--log-error=" + n.dir.resolve("error.log"),
                "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=16M",
                "--innodb-flush-log-at-trx-commit=0",
                "--binlog-format=ROW",
                "--default-storage-engine=InnoDB",
                "--innodb-autoinc-lock-mode=2",
                "--max-connections=200",
                "--wsrep-on=ON",
                "--wsrep-provider=" + provider,
                "--wsrep-cluster-name=ledgerbridge-test",
                "--wsrep-cluster-address=gcomm://" + cluster,
                "--wsrep-node-name=node" + n.index,
                "--wsrep-node-address=127.0.0.1:" + n.groupPort,
                "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + n.groupPort
                        + ";ist.recv_addr=127.0.0.1:" + n.istPort + ";gcache.size=32M"
                        + ";evs.suspect_timeout=PT3S;evs.inactive_timeout=PT6S;evs.install_timeout=PT6S",
                "--wsrep-sst-method=rsync",
                "--wsrep-sst-receive-address=127.0.0.1:" + n.sstPort));
        if (bootstrap) {
            cmd.add("--wsrep-new-cluster");
        }
        try {
            n.process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(n.dir.resolve("console.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitSynced(Node n) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!n.process.isAlive()) {
                    throw new IllegalStateException("node " + n.index + " exited (" + n.process.exitValue() + "): "
                        + tail(n.dir.resolve("error.log")));
            }
            try (Connection c = DriverManager.getConnection(rootUrl(n)); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SHOW STATUS LIKE 'wsrep_local_state_comment'")) {
                if (rs.next()) {
                    last = rs.getString(2);
                    if ("Synced".equals(last)) {
                        return;
                    }
                }
            } catch (SQLException e) {
                last = e.getMessage();
            }
            pause();
        }
        throw new IllegalStateException("node " + n.index + " did not become Synced in " + START_TIMEOUT + ": " + last);
    }

    /** Waits until every running node reports a cluster of {@code size}. */
    public void awaitClusterSize(int size) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            boolean all = true;
            for (Node n : nodes) {
                if (!n.running()) {
                    continue;
                }
                try (Connection c = DriverManager.getConnection(rootUrl(n)); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SHOW STATUS LIKE 'wsrep_cluster_size'")) {
                    String v = rs.next() ? rs.getString(2) : "?";
                    if (!Integer.toString(size).equals(v)) {
                        all = false;
                        last = "node " + n.index + " sees " + v;
                    }
                } catch (SQLException e) {
                    all = false;
                    last = "node " + n.index + ": " + e.getMessage();
                }
            }
            if (all) {
                return;
            }
            pause();
        }
        throw new IllegalStateException("the cluster did not reach size " + size + ": " + last);
    }

    /** CPU time the node's server process has used since it started (zero when it is not running). */
    public Duration cpu(int node) {
        Node n = nodes.get(node);
        if (!n.running()) {
            return Duration.ZERO;
        }
        return n.process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The value of a status variable on one node, e.g. wsrep_cluster_size. */
    public String status(int node, String variable) {
        try (Connection c = DriverManager.getConnection(rootUrl(nodes.get(node))); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW STATUS LIKE '" + variable.replace("'", "") + "'")) {
            return rs.next() ? rs.getString(2) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (Node n : nodes) {
            if (n.process != null) {
                n.process.destroyForcibly();
                waitFor(n.process);
            }
        }
        deleteTree(base);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int waitFor(Process p) {
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void chownToMysql(Path dir) {
        try {
            Process p = new ProcessBuilder("chown", "-R", "mysql:mysql", dir.toString()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            if (waitFor(p) != 0) {
                throw new IllegalStateException("cannot give " + dir + " to the mysql user: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file);
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Ports handed out in this JVM, so no two nodes get the same one. */
    private static final java.util.Set<Integer> TAKEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free now and below the range the system hands out for outgoing connections: the nodes connect to each
     * other all the time, and one of those connections could otherwise take a port a node is yet to listen on.
     */
    private static int freePort() {
        java.util.Random rnd = new java.util.Random();
        for (int i = 0; i < 1000; i++) {
            int port = 20_000 + rnd.nextInt(10_000);
            if (!TAKEN.add(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException e) {
                // in use: another one
            }
        }
        throw new IllegalStateException("no free port between 20000 and 30000");
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
