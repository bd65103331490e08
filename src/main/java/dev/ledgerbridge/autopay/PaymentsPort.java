package dev.ledgerbridge.autopay;

import dev.ledgerbridge.payment.ChargeRequest;
import dev.ledgerbridge.payment.GatewayCurrencies;
import dev.ledgerbridge.payment.Credits;
import dev.ledgerbridge.payment.InvoiceAmount;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentProfiles;
import dev.ledgerbridge.payment.PaymentResult;
import dev.ledgerbridge.payment.PaymentSettingsService;
import dev.ledgerbridge.payment.Payments;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What auto processing and installment plans need from the payments core: a customer's profiles, what is left to
 * charge on its invoices, and charging one invoice under an idempotency key.
 */
public interface PaymentsPort {
    /** Who the payments core records as having asked for the charges. */
    String REQUESTED_BY = "auto-processing";

    /**
     * A stored card (or bank account) of a customer, as far as choosing one goes; {@code currencies} is what its
     * gateway account charges in (null when the gateway could not be asked).
     */
    record Profile(long id, boolean isDefault, boolean autoEnabled, String label, GatewayCurrencies currencies) {

        /** Whether it can be charged in this currency, as far as is known. */
        public boolean takes(String currency) {
            return currencies == null || currencies.takes(currency);
        }
    }

    /**
     * The answer to a charge: result Approved, Declined, Skipped or Error, with the payment's id (null when none
     * was recorded).
     */
    record Result(Long paymentId, String result, String message) {
    }

    /** The customer's payment profiles. */
    List<Profile> profiles(long companyId, String customerListId);

    /** The home currency of the company: the currency of an invoice that names none. */
    String homeCurrency(long companyId);

    /**
     * The customer's open invoices (by TxnID) with what may still be charged on each: QuickBooks' balance less what
     * Ledgerbridge took (or is taking) that QuickBooks does not show yet.
     */
    Map<String, BigDecimal> effectiveBalances(long companyId, String customerListId);

    /**
     * Charges one invoice. A key already used returns the first result without charging again (an Error, whose
     * outcome is unknown, is asked again at the gateway under the same key). Throws {@link Refused} when the
     * payments core refused the request before anything reached the gateway (no such profile, bad amount); any other
     * exception leaves it unknown whether the charge was made.
     */
    Result charge(long companyId, String customerListId, long profileId, String invoiceTxnId, BigDecimal amount,
                  String idempotencyKey, String source);

    /** Whether the company applies open credits to a due invoice before it charges the card. */
    default boolean applyCreditsFirst(long companyId) {
        return false;
    }

    /**
     * Applies the customer's open credits to one invoice, up to what is left to charge on it, and returns the amount
     * applied; the same key again applies nothing more and returns the first answer.
     */
    default BigDecimal applyCredits(long companyId, String customerListId, String invoiceTxnId, String idempotencyKey) {
        return BigDecimal.ZERO;
    }

    /** The request was refused before anything was charged; the message is fit for people. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The payments core, which applies no credits. */
    static PaymentsPort of(Payments payments, PaymentProfiles profiles) {
        return of(payments, profiles, null);
    }

    /** The payments core, with the company's credits applied before charging where it chose so. */
    static PaymentsPort of(Payments payments, PaymentProfiles profiles, Credits credits) {
        PaymentSettingsService settings = payments.settings();
        return new PaymentsPort() {
            @Override
            public boolean applyCreditsFirst(long companyId) {
                return credits != null && credits.applyFirst(companyId);
            }

            @Override
            public BigDecimal applyCredits(long companyId, String customerListId, String invoiceTxnId,
                                           String idempotencyKey) {
                return credits == null ? BigDecimal.ZERO
                        : credits.applyToInvoice(companyId, customerListId, invoiceTxnId, idempotencyKey, REQUESTED_BY);
            }

            @Override
            public List<Profile> profiles(long companyId, String customerListId) {
                Map<String, GatewayCurrencies> byGateway = new java.util.HashMap<>();
                return profiles.list(companyId, customerListId).stream()
                        .map(p -> new Profile(p.id(), p.isDefault(), p.autoEnabled(), p.label(),
                                byGateway.computeIfAbsent(p.gateway(), g -> currencies(companyId, g)))).toList();
            }

            private GatewayCurrencies currencies(long companyId, String gateway) {
                try {
                    return settings.gatewayCurrencies(companyId, gateway);
                } catch (PaymentException e) {
                    return null;
                }
            }

            @Override
            public String homeCurrency(long companyId) {
                return settings.currencies(companyId).home();
            }

            @Override
            public Map<String, BigDecimal> effectiveBalances(long companyId, String customerListId) {
                return payments.openInvoices(companyId, customerListId).stream().collect(Collectors.toMap(
                        Payments.OpenInvoice::txnId, Payments.OpenInvoice::effectiveBalance, (a, b) -> a));
            }

            @Override
            public Result charge(long companyId, String customerListId, long profileId, String invoiceTxnId,
                                 BigDecimal amount, String idempotencyKey, String source) {
                PaymentResult r;
                try {
                    r = payments.charge(new ChargeRequest(companyId, customerListId, profileId,
                            List.of(new InvoiceAmount(invoiceTxnId, amount)), null, idempotencyKey, source,
                            REQUESTED_BY));
                } catch (PaymentException e) {
                    throw new Refused(e.getMessage(), e);
                }
                return new Result(r.id(), r.result(), r.message());
            }
        };
    }
}
