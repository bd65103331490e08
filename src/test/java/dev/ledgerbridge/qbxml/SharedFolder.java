package dev.ledgerbridge.qbxml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The ../shared folder beside the checkout (schema and real samples); tests that need it skip without it. */
final class SharedFolder {

    private SharedFolder() {
    }

    static Path root() {
        String configured = System.getProperty("ledgerbridge.shared.dir");
        return configured == null || configured.isBlank() ? Path.of("../shared") : Path.of(configured);
    }

    static Path schema() {
        Path xsd = root().resolve("qbxml-schema").resolve("qbxmlops130.xsd");
        assumeTrue(Files.isRegularFile(xsd), "../shared/qbxml-schema not found: schema validation skipped");
        return xsd;
    }

    static Path samples() {
        Path dir = root().resolve("qbxml-samples");
        assumeTrue(Files.isDirectory(dir), "../shared/qbxml-samples not found: sample tests skipped");
        return dir;
    }
}
