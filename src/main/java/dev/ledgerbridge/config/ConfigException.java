package dev.ledgerbridge.config;

/** A setting is missing, unknown or out of range; the message names the setting and says what to set. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
