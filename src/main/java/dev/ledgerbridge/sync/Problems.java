package dev.ledgerbridge.sync;

import java.util.Locale;

/**
 * Plain-language descriptions of what went wrong, with what to do about it, for the Web Connector's status
 * column (getLastError) and the sync history.
 */
public final class Problems {
    private Problems() {
    }

    /** A qbXML status code QuickBooks answered a request with. */
    public static String forStatus(String step, int code, String qbMessage) {
        String what = "QuickBooks refused the " + step + " request (status " + code
                + (qbMessage == null || qbMessage.isBlank() ? "" : ": " + qbMessage.trim()) + "). ";
        String todo = switch (code) {
            case 3170, 3175, 3176, 3180 -> "A record was in use in QuickBooks; it will be tried again on the next run.";
            case 3250 -> "This feature is not available in this edition of QuickBooks.";
            case 3260, 3261 -> "The QuickBooks user the Web Connector signs in as lacks permission: in QuickBooks open"
                    + " Edit > Preferences > Integrated Applications and allow this application to access the file.";
            case 1000 -> "QuickBooks reported an internal error; run the Web Connector again, and if it repeats, run"
                    + " File > Utilities > Verify Data in QuickBooks.";
            default -> "It will be tried again on the next run.";
        };
        return what + todo;
    }

    /** An error the Web Connector or QuickBooks' request processor reported instead of a response. */
    public static String forHresult(String hresult, String message) {
        String h = hresult == null ? "" : hresult.trim().toLowerCase(Locale.ROOT);
        String detail = (message == null || message.isBlank() ? "" : " (" + message.trim() + ")");
        return switch (h) {
            case "0x80040408" -> "QuickBooks could not be started on the Web Connector's computer: open the company"
                    + " file in QuickBooks and run the Web Connector again." + detail;
            case "0x80040401" -> "The Web Connector could not access QuickBooks: make sure QuickBooks is running,"
                    + " the company file is open and no QuickBooks window is waiting for an answer, then run again."
                    + detail;
            case "0x80040400" -> "QuickBooks could not read a request it was sent" + detail + ". The next run"
                    + " retries; if this repeats, send the Web Connector log to your administrator.";
            case "0x80040402" -> "QuickBooks reported an unexpected error" + detail + ". Run the Web Connector again;"
                    + " if it repeats, check qbsdklog.txt on the QuickBooks computer.";
            default -> "The Web Connector reported an error " + (hresult == null ? "" : hresult.trim()) + detail
                    + ". The next run tries again.";
        };
    }
}
