package dev.ledgerbridge.qbxml;

/** A qbXML document that cannot be read: malformed XML, a DOCTYPE or entity declaration, or an unusable value. */
public class QbxmlParseException extends RuntimeException {

    public QbxmlParseException(String message) {
        super(message);
    }

    public QbxmlParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
