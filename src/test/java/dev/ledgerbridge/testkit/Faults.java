package dev.ledgerbridge.testkit;

import dev.ledgerbridge.simulate.Disruptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Failures for {@link FakeWebConnector} to inject into a run. "Exchange n" is the n-th sendRequestXML of the run
 * that returned a request (1-based); NoOps do not count. A Faults object holds no run state and can be reused.
 */
public final class Faults implements Disruptions {

    private String connectionHresult;
    private String connectionMessage;
    private int connectionErrors;
    private int loseResponseAfter = -1;
    private int stopAfter = -1;
    private final Set<Integer> expireIteratorsAfter = new HashSet<>();
    private final Map<Integer, String[]> hresultOnRequest = new HashMap<>();
    private final Map<Integer, List<Runnable>> onExchange = new HashMap<>();

    public static Faults none() {
        return new Faults();
    }

    /**
     * Opening the company fails once: after authenticate QBWC calls connectionError(ticket, hresult, message) instead
     * of the first sendRequestXML. A reply of "done" ends the run with closeConnection; "" or a company path makes
     * QBWC retry, which then succeeds.
     */
    public Faults connectionErrorAtStart(String hresult, String message) {
        return connectionErrorAtStart(hresult, message, 1);
    }

    /** As {@link #connectionErrorAtStart(String, String)}, failing {@code times} opening attempts in a row. */
    public Faults connectionErrorAtStart(String hresult, String message, int times) {
        this.connectionHresult = hresult;
        this.connectionMessage = message;
        this.connectionErrors = times;
        return this;
    }

    /**
     * QuickBooks processes the request of exchange n, but receiveResponseXML is never sent (network or PC died):
     * the run ends there without closeConnection.
     */
    public Faults loseResponseAfter(int n) {
        this.loseResponseAfter = n;
        return this;
    }

    /** The run is abandoned after exchange n completed (receiveResponseXML answered); no closeConnection. */
    public Faults stopAfter(int n) {
        this.stopAfter = n;
        return this;
    }

    /** Calls {@link FakeQuickBooks#expireIterators()} once exchange n completed. */
    public Faults expireIteratorsAfter(int n) {
        expireIteratorsAfter.add(n);
        return this;
    }

    /**
     * The request processor throws on exchange n: QuickBooks never sees the request and receiveResponseXML gets an
     * empty response with this hresult and message.
     */
    public Faults hresultOnRequest(int n, String hresult, String message) {
        hresultOnRequest.put(n, new String[] {hresult, message});
        return this;
    }

    /** Runs the action once exchange n completed, before the next call (e.g. restart the server). */
    public Faults onExchange(int n, Runnable action) {
        onExchange.computeIfAbsent(n, k -> new ArrayList<>()).add(action);
        return this;
    }

    @Override
    public int connectionErrors() {
        return connectionErrors;
    }

    @Override
    public String connectionHresult() {
        return connectionHresult;
    }

    @Override
    public String connectionMessage() {
        return connectionMessage;
    }

    @Override
    public boolean losesResponseAt(int n) {
        return loseResponseAfter == n;
    }

    @Override
    public boolean stopsAt(int n) {
        return stopAfter == n;
    }

    @Override
    public boolean expiresIteratorsAt(int n) {
        return expireIteratorsAfter.contains(n);
    }

    @Override
    public String[] hresultAt(int n) {
        return hresultOnRequest.get(n);
    }

    @Override
    public List<Runnable> actionsAt(int n) {
        return onExchange.getOrDefault(n, List.of());
    }
}
