package dev.ledgerbridge.qbxml;

/**
 * The status attributes of one {@code *Rs} element of a qbXML response.
 *
 * <p>Success is decided by the code, never by {@code severity}: QuickBooks has been seen printing an error
 * code with severity "Info". Codes 0–499 are informational ({@code 1} means a query matched nothing),
 * 500–999 are warnings whose data is still valid, and everything else is an error.
 *
 * @param element                the response element's name, e.g. {@code CustomerQueryRs}
 * @param requestId              the echoed {@code requestID}, or null
 * @param iteratorId             set on iterator pages
 * @param iteratorRemainingCount how many records later pages will return; 0 on the last page; null if absent
 * @param retCount               the optional {@code retCount} attribute, or null
 */
public record RsStatus(String element, String requestId, int statusCode, String severity, String message,
                       String iteratorId, Integer iteratorRemainingCount, Integer retCount) {

    /** Codes 0–499: the request succeeded (code 1: a query found nothing). */
    public boolean ok() {
        return statusCode >= 0 && statusCode < 500;
    }

    /** Codes 500–999: the request did not complete fully, but what came back is valid. */
    public boolean warning() {
        return statusCode >= 500 && statusCode < 1000;
    }

    /** Any other code: the request failed. */
    public boolean error() {
        return !ok() && !warning();
    }
}
