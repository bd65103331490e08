package dev.ledgerbridge.action;

import java.util.Set;

/**
 * What a qbXML status code means for a write-back, in words that tell staff what to do. Retry-later codes (QuickBooks
 * busy, a record open in QuickBooks) send the action again on the next Web Connector run, up to
 * {@code actions.max.attempts}; every other error fails the action until staff retry or cancel it.
 */
public final class ActionErrors {
    /** Codes after which the same request may succeed later: object in use, list modified by another user. */
    public static final Set<Integer> RETRY_LATER = Set.of(3170, 3175, 3176, 3180);
    /** Stale EditSequence: re-read and re-apply (handled by the write-back itself). */
    public static final int STALE_EDIT_SEQUENCE = 3200;

    private ActionErrors() {
    }

    /** How an error ends (or not) an action. */
    public record Verdict(boolean retryLater, String message) {
    }

    /**
     * The verdict for a qbXML error {@code code} (>= 1000) that QuickBooks answered a write of {@code kind} with;
     * {@code qbMessage} is QuickBooks' own statusMessage (may be null).
     */
    public static Verdict forStatus(String kind, int code, String qbMessage) {
        String what = switch (kind) {
            case ActionQueue.POST_PAYMENT -> "the payment";
            case ActionQueue.APPLY_CREDIT -> "the credit to apply";
            case ActionQueue.POST_REFUND -> "the refund";
            default -> "the customer's change";
        };
        boolean money = !ActionQueue.UPDATE_EMAIL.equals(kind);
        String theirs = qbMessage == null || qbMessage.isBlank() ? "" : " QuickBooks said: \"" + qbMessage.strip() + "\"";
        String text = switch (code) {
            case 3100 -> "QuickBooks refused " + what + " because a name it sets is already used by another record"
                    + " (" + code + "). Rename one of them in QuickBooks, then Retry.";
            case 3120 -> "QuickBooks no longer has the " + (money ? "customer or a transaction" : "customer") + " this refers to (" + code + "): it was deleted or"
                    + " merged there. Check the customer in QuickBooks; Cancel this action, or Retry after the next"
                    + " sync if it reappears.";
            case 3140 -> "QuickBooks does not know something " + what + " refers to (" + code + "): the customer, "
                    + (ActionQueue.POST_REFUND.equals(kind) ? "the refund item, the payment method or the account the"
                    + " refund is paid from" : ActionQueue.APPLY_CREDIT.equals(kind) ? "an invoice or a credit memo"
                    : "an invoice, the payment method or the deposit account") + ". Add it in QuickBooks or correct"
                    + " the payment settings, then Retry; or Cancel and record it by hand.";
            case 3170, 3175, 3176, 3180 -> "QuickBooks could not save " + what + " just now (" + code + "): the"
                    + " record is open or locked by someone working in QuickBooks. It is tried again on the next"
                    + " Web Connector run.";
            case 3200 -> "Someone changed the customer in QuickBooks at the same time (" + code + ").";
            case 3210 -> "QuickBooks refused a value in " + what + " (" + code + "), e.g. more than an invoice's open"
                    + " balance because it was already paid in QuickBooks. Check the invoice there; Cancel this action"
                    + " and refund or apply the money by hand if it was paid twice.";
            case 3250 -> "This feature is not turned on in the QuickBooks company file (" + code + "). Turn it on in"
                    + " QuickBooks' preferences, then Retry.";
            case 3260 -> "The Web Connector's login to QuickBooks may not make this change (" + code + "). In"
                    + " QuickBooks (Edit > Preferences > Integrated Applications) allow Ledgerbridge to change data,"
                    + " then Retry.";
            default -> "QuickBooks refused " + what + " (status " + code + "). Check the details below, correct it in"
                    + " QuickBooks if needed, then Retry or Cancel.";
        };
        return new Verdict(RETRY_LATER.contains(code), text + theirs);
    }
}
