package dev.ledgerbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the client programs (backup, restore, doctor) connect for a configured db.url. */
class DbEndpointTest {
    @Test
    void aMultiHostUrlGivesTheFirstNodeThatAnswers() throws Exception {
        int down;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            down = gone.getLocalPort();
        }
        try (ServerSocket up = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Config c = Config.of(Map.of(Setting.DB_URL, "jdbc:mariadb:sequential://127.0.0.1:" + down + ",127.0.0.1:"
                    + up.getLocalPort() + "/ledgerbridge?user=lb&password=pw&sslMode=trust"));
            DbEndpoint e = DbEndpoint.external(c);
            assertThat(e.host()).isEqualTo("127.0.0.1");
            assertThat(e.port()).as("the node that is down is passed over").isEqualTo(up.getLocalPort());
            assertThat(e.database()).isEqualTo("ledgerbridge");
            assertThat(e.user()).isEqualTo("lb");
            assertThat(e.password()).isEqualTo("pw");
            assertThat(e.sslMode()).isEqualTo("trust");
        }
    }

    @Test
    void aSingleHostUrlKeepsItsHostEvenWhenNothingAnswers() {
        Config c = Config.of(Map.of(Setting.DB_URL, "jdbc:mariadb://db.invalid:3307/lb"));
        DbEndpoint e = DbEndpoint.external(c);
        assertThat(e.host()).isEqualTo("db.invalid");
        assertThat(e.port()).isEqualTo(3307);
    }
}
