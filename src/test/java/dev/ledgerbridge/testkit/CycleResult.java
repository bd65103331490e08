package dev.ledgerbridge.testkit;

/** What one Web Connector run did, call by call (see {@link dev.ledgerbridge.simulate.CycleResult}). */
public final class CycleResult extends dev.ledgerbridge.simulate.CycleResult {

    CycleResult(dev.ledgerbridge.simulate.CycleResult result) {
        super(result);
    }
}
