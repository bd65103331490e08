package dev.ledgerbridge.qbwc;

import static dev.ledgerbridge.qbwc.Soap.call;
import static dev.ledgerbridge.qbwc.Soap.params;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.ledgerbridge.LogCapture;
import dev.ledgerbridge.RunningServer;
import dev.ledgerbridge.TestDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Web Connector client sends reaches the log in bounds: through the shipped logging configurations (the
 * built-in one and conf/logback.xml), a huge user name is cut and a forged line break stays on its line.
 */
class QbwcLogLinesTest {
    @TempDir
    Path logDir;

    @Test
    void aHugeOrMultiLineUserNameIsLoggedCutOnOneLine() throws Exception {
        // given
        String huge = "A".repeat(2_000_000);
        String forged = "acme\n2026-03-01T09:00:00.000Z INFO  [main] dev.ledgerbridge.Main - all is well";
        List<ILoggingEvent> events;
        try (RunningServer server = new RunningServer(TestDb.freshConfig());
             LogCapture log = LogCapture.start(Level.INFO, "dev.ledgerbridge")) {
            // when
            Soap.Reply hugeReply = call(server.endpoint(), "authenticate", params("strUserName", huge,
                    "strPassword", "whatever password"));
            Soap.Reply forgedReply = call(server.endpoint(), "authenticate", params("strUserName", forged,
                    "strPassword", "whatever password"));
            assertThat(hugeReply.strings().get(1)).isEqualTo("nvu");
            assertThat(forgedReply.strings().get(1)).isEqualTo("nvu");
            events = log.events().stream().filter(e -> e.getMessage().contains("login refused")).toList();
        }
        assertThat(events).hasSize(2);

        // then: each shipped configuration writes each refusal as one line of bounded length
        for (List<String> lines : List.of(rendered(builtIn(), events), rendered(shipped(), events))) {
            assertThat(lines.get(0)).hasSizeLessThan(1300)
                    .contains("'" + "A".repeat(1000) + "… (1999000 more characters)'").endsWith(System.lineSeparator());
            assertThat(lines.get(1).strip()).doesNotContain("\n")
                    .contains("'acme\\n2026-03-01T09:00:00.000Z INFO  [main] dev.ledgerbridge.Main - all is well'");
        }
    }

    private LoggerContext builtIn() throws Exception {
        return configured(Path.of("src", "main", "resources", "logback.xml"));
    }

    private LoggerContext shipped() throws Exception {
        return configured(Path.of("conf", "logback.xml"));
    }

    private LoggerContext configured(Path file) throws Exception {
        LoggerContext ctx = new LoggerContext();
        ctx.putProperty("LEDGERBRIDGE_LOG_DIR", logDir.toString());
        JoranConfigurator j = new JoranConfigurator();
        j.setContext(ctx);
        j.doConfigure(file.toFile());
        return ctx;
    }

    /** Each event as the context's console appender writes it. */
    private static List<String> rendered(LoggerContext ctx, List<ILoggingEvent> events) {
        try {
            Appender<ILoggingEvent> console = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
            var encoder = ((OutputStreamAppender<ILoggingEvent>) console).getEncoder();
            List<String> out = new ArrayList<>();
            for (ILoggingEvent e : events) {
                out.add(new String(encoder.encode(e), StandardCharsets.UTF_8));
            }
            return out;
        } finally {
            ctx.stop();
        }
    }
}
