package dev.ledgerbridge.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the configuration in Keycloak's order: the properties file, then environment variables
 * ({@code LEDGERBRIDGE_HTTP_PORT} for {@code http.port}), then command-line flags. An unknown key in the file
 * is an error, so a misspelled setting is never silently ignored.
 */
public final class ConfigLoader {
    /** The file read when none is named and it exists. */
    public static final Path DEFAULT_FILE = Path.of("conf", "ledgerbridge.properties");

    private ConfigLoader() {
    }

    /**
     * @param file  the properties file, or null for {@link #DEFAULT_FILE} when it exists
     * @param env   the environment (System.getenv() in production)
     * @param flags settings given on the command line, highest precedence
     */
    public static Config load(Path file, Map<String, String> env, Map<Setting, String> flags) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Path source = file != null ? file : (Files.isRegularFile(DEFAULT_FILE) ? DEFAULT_FILE : null);
        if (source != null) {
            values.putAll(readFile(source));
        }
        for (Setting s : Setting.values()) {
            String v = env.get(s.environmentVariable());
            if (v != null) {
                values.put(s, v);
            }
        }
        values.putAll(flags);
        return Config.of(values);
    }

    static Map<Setting, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("configuration file " + file.toAbsolutePath() + " does not exist");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file.toAbsolutePath() + ": " + e.getMessage());
        }
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (String key : p.stringPropertyNames()) {
            Setting s = Setting.byKey(key).orElseThrow(() -> new ConfigException(
                    "unknown setting '" + key + "' in " + file.toAbsolutePath()
                            + " (see conf/ledgerbridge.properties for the list)"));
            values.put(s, p.getProperty(key).trim());
        }
        return values;
    }
}
