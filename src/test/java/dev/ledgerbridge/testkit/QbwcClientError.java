package dev.ledgerbridge.testkit;

import java.util.Optional;

/**
 * The Web Connector aborted (see {@link dev.ledgerbridge.simulate.QbwcClientError}); what {@link FakeWebConnector}
 * throws, with the run's partial result as the test kit's {@link CycleResult}.
 */
public final class QbwcClientError extends dev.ledgerbridge.simulate.QbwcClientError {

    private transient CycleResult partialResult;

    public QbwcClientError(String code, String operation, String message) {
        super(code, operation, message);
    }

    /** What the run did up to the failure, when it was thrown by {@link FakeWebConnector#runCycle}. */
    @Override
    public Optional<CycleResult> partialResult() {
        return Optional.ofNullable(partialResult);
    }

    static QbwcClientError of(dev.ledgerbridge.simulate.QbwcClientError e) {
        QbwcClientError copy = new QbwcClientError(e.code(), e.operation(), e.detail());
        copy.initCause(e);
        e.partialResult().ifPresent(r -> copy.partialResult = new CycleResult(r));
        return copy;
    }
}
