package dev.ledgerbridge.testkit;

/** See {@link dev.ledgerbridge.simulate.QuickBooksParseError}: what {@link FakeQuickBooks#process(String)} throws. */
public final class QuickBooksParseError extends dev.ledgerbridge.simulate.QuickBooksParseError {

    public QuickBooksParseError(String detail) {
        super(detail);
    }

    public QuickBooksParseError(String hresult, String message, String detail) {
        super(hresult, message, detail);
    }

    static QuickBooksParseError of(dev.ledgerbridge.simulate.QuickBooksParseError e) {
        QuickBooksParseError copy = new QuickBooksParseError(e.hresult(), e.getMessage(), e.detail());
        copy.initCause(e);
        return copy;
    }
}
