package dev.ledgerbridge.qbwc;

import static dev.ledgerbridge.qbwc.Soap.call;
import static dev.ledgerbridge.qbwc.Soap.params;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.ledgerbridge.LogCapture;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import dev.ledgerbridge.config.Setting;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets never reach a log: Web Connector passwords (right or wrong), tickets, the database password. */
class QbwcLogsNoSecretsTest {
    private static final String PASSWORD = "Kx9-wc-password-2231";
    private static final String WRONG_PASSWORD = "Kx9-wc-password-2232";

    @Test
    void aFailedAndASuccessfulAuthenticateLogNoPasswordAndNoTicket() throws Exception {
        // given
        try (RunningServer server = new RunningServer(TestDb.freshConfig())) {
            server.app().companies.addLogin("secretive", "Secretive Co", PASSWORD);
            String ticket;
            List<String> logged;

            // when: Ledgerbridge's own loggers (the MyBatis statement logs included) at DEBUG; CXF at INFO, above
            // its DEBUG level, where it logs every operation's parameters (production runs it at WARN)
            try (LogCapture log = LogCapture.start(Level.DEBUG, "dev.ledgerbridge")
                    .with(Level.INFO, "org.apache.cxf", "org.eclipse.jetty")) {
                Soap.Reply refused = call(server.endpoint(), "authenticate", params("strUserName", "secretive",
                        "strPassword", WRONG_PASSWORD));
                Soap.Reply accepted = call(server.endpoint(), "authenticate", params("strUserName", "secretive",
                        "strPassword", PASSWORD));
                ticket = accepted.strings().get(0);
                call(server.endpoint(), "getLastError", params("ticket", ticket));
                call(server.endpoint(), "closeConnection", params("ticket", ticket));
                assertThat(refused.strings().get(1)).isEqualTo("nvu");
                assertThat(accepted.strings().get(1)).isEmpty();
                logged = log.texts();
            }

            // then: the capture saw the logins, and no secret in any message, argument or exception
            assertThat(String.join("\n", logged)).contains("refused").contains("secretive");
            List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD, ticket));
            String dbPassword = server.app().config.get(Setting.DB_PASSWORD);
            if (!dbPassword.isEmpty()) {
                secrets.add(dbPassword);
            }
            for (String secret : secrets) {
                assertThat(logged).noneMatch(t -> t.contains(secret));
            }
        }
    }
}
