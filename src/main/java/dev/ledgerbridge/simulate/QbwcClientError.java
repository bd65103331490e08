package dev.ledgerbridge.simulate;

import java.util.Optional;

/**
 * The Web Connector aborted: the server's reply to a call was unusable (HTTP status, content type, bytes around the
 * envelope, SOAP Fault, wrong or missing element). {@link #code()} is the QBWC error code the real client shows
 * (QBWC1012 authenticate, QBWC1041 sendRequestXML, QBWC1042 receiveResponseXML, QBWC1043 getLastError, QBWC1044
 * closeConnection, QBWC1045 connectionError, QBWC1046 clientVersion) or a FAKEWC-* code for the client's own guards.
 */
public class QbwcClientError extends RuntimeException {

    private final String code;
    private final String operation;
    private final String detail;
    private transient CycleResult partialResult;

    public QbwcClientError(String code, String operation, String message) {
        super(code + ": " + operation + " failed: " + message);
        this.code = code;
        this.operation = operation;
        this.detail = message;
    }

    public String code() {
        return code;
    }

    public String operation() {
        return operation;
    }

    /** What went wrong, without the code and operation. */
    public String detail() {
        return detail;
    }

    /** What the run did up to the failure, when it was thrown by {@link WebConnectorClient#runCycle}. */
    public Optional<? extends CycleResult> partialResult() {
        return Optional.ofNullable(partialResult);
    }

    QbwcClientError withPartialResult(CycleResult result) {
        this.partialResult = result;
        return this;
    }

    static String codeFor(String operation) {
        return switch (operation) {
            case "authenticate" -> "QBWC1012";
            case "sendRequestXML" -> "QBWC1041";
            case "receiveResponseXML" -> "QBWC1042";
            case "getLastError" -> "QBWC1043";
            case "closeConnection" -> "QBWC1044";
            case "connectionError" -> "QBWC1045";
            case "clientVersion" -> "QBWC1046";
            default -> "QBWC-" + operation;
        };
    }
}
