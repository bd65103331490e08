package dev.ledgerbridge.autopay;

import java.math.BigDecimal;
import java.util.List;

/** What auto processing and installment plans need from the payments core: a customer's profiles, and charging. */
public interface PaymentsPort {

    /** A stored card (or bank account) of a customer, as far as choosing one goes. */
    record Profile(long id, boolean isDefault, boolean autoEnabled, String label) {
    }

    /**
     * The answer to a charge: result Approved, Declined, Skipped or Error, with the payment's id (null when none
     * was recorded).
     */
    record Result(Long paymentId, String result, String message) {
    }

    /** The customer's payment profiles. */
    List<Profile> profiles(long companyId, String customerListId);

    /**
     * Charges one invoice. A key already used returns the first result without charging again. Throws
     * {@link Refused} when the payments core refused the request before anything reached the gateway (no such
     * profile, bad amount); any other exception leaves it unknown whether the charge was made.
     */
    Result charge(long companyId, String customerListId, long profileId, String invoiceTxnId, BigDecimal amount,
                  String idempotencyKey, String source);

    /** The request was refused before anything was charged; the message is fit for people. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Until card payments are set up: no profiles, and every charge refused. */
    PaymentsPort NONE = new PaymentsPort() {
        @Override
        public List<Profile> profiles(long companyId, String customerListId) {
            return List.of();
        }

        @Override
        public Result charge(long companyId, String customerListId, long profileId, String invoiceTxnId,
                             BigDecimal amount, String idempotencyKey, String source) {
            throw new Refused("Card payments are not set up", null);
        }
    };
}
