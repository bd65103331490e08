package dev.ledgerbridge.action;

/**
 * A local bulk action carried out for one customer, e.g. sending a card-information request. Implemented where the
 * work lives (payment, mail) and handed to {@link ActionQueue#register} when the server is wired, so this package
 * depends on none of them.
 */
@FunctionalInterface
public interface CustomerAction {
    /** Does the work for one customer; an exception counts as failed with its message. */
    Outcome apply(long companyId, String listId, String requestedBy);

    /** What happened: {@code outcome} is one of {@link ActionResult#DONE}, SKIPPED, FAILED. */
    record Outcome(String outcome, String message) {
        public static Outcome done(String message) {
            return new Outcome(ActionResult.DONE, message);
        }

        public static Outcome skipped(String message) {
            return new Outcome(ActionResult.SKIPPED, message);
        }

        public static Outcome failed(String message) {
            return new Outcome(ActionResult.FAILED, message);
        }
    }
}
