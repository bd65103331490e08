package dev.ledgerbridge.simulate;

/**
 * Thrown by {@link SimulatedQuickBooks#process(String)} where the real request processor throws instead of
 * answering: the request is not well-formed, lacks or exceeds the qbxml version, or fails the qbXML schema.
 * QBWC then calls receiveResponseXML with an empty response and this {@link #hresult()} / {@link #getMessage()}.
 */
public class QuickBooksParseError extends RuntimeException {

    public static final String HRESULT = "0x80040400";
    public static final String MESSAGE = "QuickBooks found an error when parsing the provided XML text stream.";

    private final String hresult;
    private final String detail;

    public QuickBooksParseError(String detail) {
        this(HRESULT, MESSAGE, detail);
    }

    public QuickBooksParseError(String hresult, String message, String detail) {
        super(message);
        this.hresult = hresult;
        this.detail = detail;
    }

    /** The hresult QBWC passes to receiveResponseXML, e.g. {@code 0x80040400}. */
    public String hresult() {
        return hresult;
    }

    /** Why the request was refused (not part of what QBWC sends). */
    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return "QuickBooksParseError " + hresult + ": " + getMessage() + " [" + detail + "]";
    }
}
