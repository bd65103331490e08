package dev.ledgerbridge.simulate;

import java.util.List;

/**
 * What can go wrong in a Web Connector run, for {@link WebConnectorClient} to play: opening the company fails,
 * QuickBooks throws on a request, an answer is lost, the run is abandoned, iterators expire, something happens
 * between two exchanges. "Exchange n" is the n-th sendRequestXML of the run that returned a request (1-based);
 * NoOps do not count. {@link #NONE}: a run where nothing goes wrong.
 */
public interface Disruptions {

    Disruptions NONE = new Disruptions() {
    };

    /** How many times in a row opening the company fails (connectionError instead of the first sendRequestXML). */
    default int connectionErrors() {
        return 0;
    }

    default String connectionHresult() {
        return null;
    }

    default String connectionMessage() {
        return null;
    }

    /** QuickBooks processes the request of exchange n, but receiveResponseXML is never sent. */
    default boolean losesResponseAt(int n) {
        return false;
    }

    /** The run is abandoned after exchange n completed, without closeConnection. */
    default boolean stopsAt(int n) {
        return false;
    }

    /** QuickBooks' iterators expire once exchange n completed. */
    default boolean expiresIteratorsAt(int n) {
        return false;
    }

    /** {hresult, message} the request processor throws on exchange n instead of answering; null: it answers. */
    default String[] hresultAt(int n) {
        return null;
    }

    /** What happens once exchange n completed, before the next call. */
    default List<Runnable> actionsAt(int n) {
        return List.of();
    }
}
