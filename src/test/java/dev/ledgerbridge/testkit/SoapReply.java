package dev.ledgerbridge.testkit;

import java.util.List;

/**
 * One HTTP exchange with the server (see {@link dev.ledgerbridge.simulate.SoapReply}); the {@code result*}
 * methods throw the test kit's {@link QbwcClientError} where QBWC would abort.
 */
public final class SoapReply extends dev.ledgerbridge.simulate.SoapReply {

    SoapReply(dev.ledgerbridge.simulate.SoapReply reply) {
        super(reply);
    }

    @Override
    public String resultText() {
        try {
            return super.resultText();
        } catch (dev.ledgerbridge.simulate.QbwcClientError e) {
            throw QbwcClientError.of(e);
        }
    }

    @Override
    public List<String> resultArray() {
        try {
            return super.resultArray();
        } catch (dev.ledgerbridge.simulate.QbwcClientError e) {
            throw QbwcClientError.of(e);
        }
    }

    @Override
    public int resultInt() {
        try {
            return super.resultInt();
        } catch (dev.ledgerbridge.simulate.QbwcClientError e) {
            throw QbwcClientError.of(e);
        }
    }
}
