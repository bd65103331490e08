package dev.ledgerbridge.simulate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** What one Web Connector run did, call by call, and how long the server and QuickBooks took. */
public class CycleResult {

    /** How the run ended. */
    public enum Outcome {
        /** receiveResponseXML returned 100, then closeConnection. */
        COMPLETED,
        /** A negative receiveResponseXML or an empty sendRequestXML with an error text: getLastError, closeConnection. */
        ERROR,
        /** authenticate answered "none". */
        NO_WORK,
        /** authenticate answered "nvu". */
        INVALID_USER,
        /** authenticate answered "busy". */
        BUSY,
        /** clientVersion answered "E:…" or "O:…". */
        VERSION_REJECTED,
        /** getLastError answered "Interactive mode"; interactive mode is not driven by this client. */
        INTERACTIVE_MODE,
        /** connectionError answered "done", then closeConnection. */
        CONNECTION_ERROR_DONE,
        /** Faults.loseResponseAfter: QuickBooks processed the request, receiveResponseXML was never sent. */
        RESPONSE_LOST,
        /** Faults.stopAfter: the run was abandoned without closeConnection. */
        ABANDONED,
        /** The client aborted with a QbwcClientError (only in {@link QbwcClientError#partialResult()}). */
        CLIENT_ERROR
    }

    /** One SOAP call: the operation and a short form of its result. */
    public record Call(String operation, String result) {
    }

    /**
     * One qbXML exchange: the request the server sent, what QuickBooks answered (response, or hresult/message when the
     * processor threw), and receiveResponseXML's result (null when it was never sent).
     */
    public record Exchange(int number, String request, String response, String hresult, String message,
                           String parseErrorDetail, Integer receiveResult) {
    }

    private final Outcome outcome;
    private final List<Call> calls;
    private final String serverVersion;
    private final String clientVersionReply;
    private final List<String> warnings;
    private final List<String> authSlots;
    private final String companyFile;
    private final List<String> lastErrors;
    private final String closeConnectionResult;
    private final List<Integer> percentages;
    private final List<Exchange> exchanges;
    private final int noOps;
    private final int exchangeCount;
    private final int soapCalls;
    private final long serverNanos;
    private final long quickBooksNanos;

    /** A copy of another result. */
    protected CycleResult(CycleResult other) {
        this.outcome = other.outcome;
        this.calls = other.calls;
        this.serverVersion = other.serverVersion;
        this.clientVersionReply = other.clientVersionReply;
        this.warnings = other.warnings;
        this.authSlots = other.authSlots;
        this.companyFile = other.companyFile;
        this.lastErrors = other.lastErrors;
        this.closeConnectionResult = other.closeConnectionResult;
        this.percentages = other.percentages;
        this.exchanges = other.exchanges;
        this.noOps = other.noOps;
        this.exchangeCount = other.exchangeCount;
        this.soapCalls = other.soapCalls;
        this.serverNanos = other.serverNanos;
        this.quickBooksNanos = other.quickBooksNanos;
    }

    CycleResult(Builder b, Outcome outcome) {
        this.outcome = outcome;
        this.calls = List.copyOf(b.calls);
        this.serverVersion = b.serverVersion;
        this.clientVersionReply = b.clientVersionReply;
        this.warnings = List.copyOf(b.warnings);
        this.authSlots = b.authSlots == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(b.authSlots));
        this.companyFile = b.companyFile;
        this.lastErrors = Collections.unmodifiableList(new ArrayList<>(b.lastErrors));
        this.closeConnectionResult = b.closeConnectionResult;
        this.percentages = List.copyOf(b.percentages);
        this.exchanges = List.copyOf(b.exchanges);
        this.noOps = b.noOps;
        this.exchangeCount = b.exchangeCount;
        this.soapCalls = b.soapCalls;
        this.serverNanos = b.serverNanos;
        this.quickBooksNanos = b.quickBooksNanos;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Every SOAP call in order. */
    public List<Call> calls() {
        return calls;
    }

    /** The operations called, in order. */
    public List<String> operations() {
        return calls.stream().map(Call::operation).toList();
    }

    public long callCount(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).count();
    }

    /** serverVersion's result; null when the call failed (QBWC goes on, see {@link #warnings()}). */
    public String serverVersion() {
        return serverVersion;
    }

    public String clientVersionReply() {
        return clientVersionReply;
    }

    /** Things QBWC would log or show but go on from: a "W:" clientVersion reply, a failed serverVersion. */
    public List<String> warnings() {
        return warnings;
    }

    /** authenticate's string array, by position (items may be null for xsi:nil). */
    public List<String> authSlots() {
        return authSlots;
    }

    public String ticket() {
        return slot(0);
    }

    /** authRet[1]: "", a company path, "none", "nvu" or "busy". */
    public String authStatus() {
        return slot(1);
    }

    /** authRet[2], postpone seconds, when present. */
    public Optional<String> postponeSeconds() {
        return Optional.ofNullable(slot(2));
    }

    /** authRet[3], minimum run interval seconds, when present. */
    public Optional<String> minimumRunEverySeconds() {
        return Optional.ofNullable(slot(3));
    }

    private String slot(int i) {
        return authSlots.size() > i ? authSlots.get(i) : null;
    }

    /** The strCompanyFileName sent with sendRequestXML. */
    public String companyFile() {
        return companyFile;
    }

    /** getLastError results in order (including "NoOp"). */
    public List<String> lastErrors() {
        return lastErrors;
    }

    public Optional<String> closeConnectionResult() {
        return Optional.ofNullable(closeConnectionResult);
    }

    public boolean closed() {
        return calls.stream().anyMatch(c -> c.operation().equals("closeConnection"));
    }

    /** Every receiveResponseXML result in order (percentages, or negative errors). */
    public List<Integer> percentages() {
        return percentages;
    }

    /** Every qbXML exchange in order; empty when the client was told not to record them. */
    public List<Exchange> exchanges() {
        return exchanges;
    }

    /** The qbXML requests the server sent, in order. */
    public List<String> requests() {
        return exchanges.stream().map(Exchange::request).toList();
    }

    /** QuickBooks' responses, in order ("" where the processor threw). */
    public List<String> responses() {
        return exchanges.stream().map(Exchange::response).toList();
    }

    public int exchangeCount() {
        return exchangeCount;
    }

    /** SOAP calls made (every operation, NoOps' getLastError included). */
    public int soapCalls() {
        return soapCalls;
    }

    /** Time spent waiting for the server's replies: the server's share of the run, as the Web Connector sees it. */
    public long serverNanos() {
        return serverNanos;
    }

    /** Time QuickBooks took to answer the requests. */
    public long quickBooksNanos() {
        return quickBooksNanos;
    }

    public int noOpCount() {
        return noOps;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("CycleResult[").append(outcome).append(", ").append(exchangeCount)
                .append(" exchanges, ").append(noOps).append(" NoOps]");
        for (Call c : calls) {
            b.append("\n  ").append(c.operation()).append(" -> ").append(c.result());
        }
        return b.toString();
    }

    /** Collects a run as it happens. */
    static final class Builder {
        final List<Call> calls = new ArrayList<>();
        String serverVersion;
        String clientVersionReply;
        final List<String> warnings = new ArrayList<>();
        List<String> authSlots;
        String companyFile;
        final List<String> lastErrors = new ArrayList<>();
        String closeConnectionResult;
        final List<Integer> percentages = new ArrayList<>();
        final List<Exchange> exchanges = new ArrayList<>();
        int noOps;
        int exchangeCount;
        int soapCalls;
        long serverNanos;
        long quickBooksNanos;

        void call(String operation, String result) {
            calls.add(new Call(operation, result));
        }

        CycleResult build(Outcome outcome) {
            return new CycleResult(this, outcome);
        }
    }
}
