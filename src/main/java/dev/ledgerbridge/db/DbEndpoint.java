package dev.ledgerbridge.db;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.ConfigException;
import dev.ledgerbridge.config.Setting;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a MariaDB database is and how to sign in, for the MariaDB client programs (backup, restore).
 * {@code sslMode} is MariaDB Connector/J's (disable, trust, verify-ca, verify-full), so the programs connect the
 * way the server itself does.
 */
public record DbEndpoint(String host, int port, String database, String user, String password, String sslMode) {

    /** A database reached without TLS (the embedded one, on loopback). */
    public DbEndpoint(String host, int port, String database, String user, String password) {
        this(host, port, database, user, password, "disable");
    }

    /** The client-program options for {@link #sslMode}. */
    public List<String> sslOptions() {
        return switch (sslMode) {
            case "trust" -> List.of("--ssl", "--disable-ssl-verify-server-cert");
            case "verify-ca", "verify-full" -> List.of("--ssl", "--ssl-verify-server-cert");
            default -> List.of("--skip-ssl");
        };
    }

    @Override
    public String toString() {
        return user + "@" + host + ":" + port + "/" + database;
    }

    /**
     * The external database of {@code db.url} (user and password from db.user / db.password, else from the URL's
     * parameters).
     */
    public static DbEndpoint external(Config config) {
        String url = config.get(Setting.DB_URL);
        int start = url.indexOf("//");
        if (start < 0) {
            throw new ConfigException(Setting.DB_URL.key() + " must look like jdbc:mariadb://host:3306/database");
        }
        String rest = url.substring(start + 2);
        int q = rest.indexOf('?');
        String params = q < 0 ? "" : rest.substring(q + 1);
        String hostsAndDb = q < 0 ? rest : rest.substring(0, q);
        int slash = hostsAndDb.indexOf('/');
        if (slash < 0 || slash == hostsAndDb.length() - 1) {
            throw new ConfigException(Setting.DB_URL.key() + " names no database; add it: jdbc:mariadb://host:3306/ledgerbridge");
        }
        String database = hostsAndDb.substring(slash + 1);
        // a multi-host URL (jdbc:mariadb:sequential://n1:3306,n2:3306/db, a Galera cluster): the client programs
        // talk to the first node that answers
        List<InetSocketAddress> hosts = new ArrayList<>();
        for (String hostPort : hostsAndDb.substring(0, slash).split(",")) {
            hosts.add(hostAndPort(hostPort.trim()));
        }
        InetSocketAddress chosen = hosts.stream().filter(DbEndpoint::answers).findFirst().orElse(hosts.get(0));
        String host = chosen.getHostString();
        int port = chosen.getPort();
        String user = config.get(Setting.DB_USER);
        String password = config.get(Setting.DB_PASSWORD);
        String sslMode = "disable";
        for (String p : params.split("&")) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String k = p.substring(0, eq);
            String v = URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
            if (k.equals("user") && user.isEmpty()) {
                user = v;
            } else if (k.equals("password") && password.isEmpty()) {
                password = v;
            } else if (k.equalsIgnoreCase("sslMode")) {
                sslMode = v.toLowerCase(Locale.ROOT);
            }
        }
        return new DbEndpoint(host, port, database, user, password, sslMode);
    }

    private static InetSocketAddress hostAndPort(String hostPort) {
        String host = hostPort;
        int port = 3306;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new ConfigException(Setting.DB_URL.key() + " has a host with a port that is not a number: '"
                        + hostPort + "'");
            }
        }
        return InetSocketAddress.createUnresolved(host.replace("[", "").replace("]", ""), port);
    }

    /** Whether something accepts connections at the address within two seconds. */
    private static boolean answers(InetSocketAddress a) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(a.getHostString(), a.getPort()), 2000);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
