package dev.ledgerbridge.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Payment settings, payment profiles and payment transactions. */
public interface PaymentMapper {
    int customerExists(@Param("companyId") long companyId, @Param("listId") String listId);

    String customerCurrency(@Param("companyId") long companyId, @Param("listId") String listId);

    /** The rate QuickBooks holds for a currency of a multicurrency file (home currency per unit); null if unknown. */
    java.math.BigDecimal currencyRate(@Param("companyId") long companyId, @Param("code") String code);

    /** The customer as a gateway's metadata names it (null when there is no such customer). */
    CustomerRef customerRef(@Param("companyId") long companyId, @Param("listId") String listId);

    PaymentSettings settings(@Param("companyId") long companyId);

    void upsertSettings(@Param("s") PaymentSettings s);

    CreditSettings creditSettings(@Param("companyId") long companyId);

    void upsertCreditSettings(@Param("s") CreditSettings s);

    // ---- profiles

    void insertProfile(@Param("p") ProfileRow p);

    List<PaymentProfile> profiles(@Param("companyId") long companyId, @Param("listId") String listId);

    PaymentProfile profile(@Param("companyId") long companyId, @Param("id") long id);

    ProfileRow profileRow(@Param("companyId") long companyId, @Param("id") long id);

    /** The customer's profile with this token at the gateway (null: none), so a card is not saved twice. */
    Long profileByToken(@Param("companyId") long companyId, @Param("listId") String listId,
                        @Param("gateway") String gateway, @Param("token") String token);

    String gatewayCustomerId(@Param("companyId") long companyId, @Param("listId") String listId,
                             @Param("gateway") String gateway);

    int clearDefault(@Param("companyId") long companyId, @Param("listId") String listId);

    int setDefault(@Param("companyId") long companyId, @Param("id") long id);

    int setAutoEnabled(@Param("companyId") long companyId, @Param("id") long id, @Param("on") boolean on);

    int removeProfile(@Param("companyId") long companyId, @Param("id") long id, @Param("now") Instant now,
                      @Param("by") String by);

    /**
     * Locks the customer's row, so changes to its profiles' default are made one at a time (also when it has no
     * profile yet); null when there is no such customer.
     */
    String lockCustomer(@Param("companyId") long companyId, @Param("listId") String listId);

    // ---- transactions

    PaymentRow findByKey(@Param("companyId") long companyId, @Param("key") String key);

    PaymentRow find(@Param("companyId") long companyId, @Param("id") long id);

    /** The charge or deposit the gateway knows by this reference. */
    PaymentRow findByGatewayRef(@Param("companyId") long companyId, @Param("gateway") String gateway,
                                @Param("ref") String ref);

    PaymentRow lock(@Param("companyId") long companyId, @Param("id") long id);

    /**
     * Locks the invoices (in TxnID order) and returns the TxnIDs found. Read their states with invoiceStates in a
     * later statement, after this one has every lock.
     */
    List<String> lockInvoices(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds);

    /**
     * The invoices, each with what Ledgerbridge has taken on it that QuickBooks does not show yet (no locks), leaving
     * out the hold of payment {@code except} (null: none left out).
     */
    List<InvoiceState> invoiceStates(@Param("companyId") long companyId, @Param("txnIds") Collection<String> txnIds,
                                     @Param("except") Long except);

    /** The customer's open (not deleted, not paid) invoices with their effective balance inputs. */
    List<InvoiceState> openInvoices(@Param("companyId") long companyId, @Param("listId") String listId);

    void insertPayment(@Param("p") PaymentRow p);

    void insertApplied(@Param("paymentId") long paymentId, @Param("companyId") long companyId,
                       @Param("txnId") String txnId, @Param("amount") BigDecimal amount);

    List<Applied> applied(@Param("ids") Collection<Long> paymentIds);

    int finish(@Param("id") long id, @Param("result") String result, @Param("message") String message,
               @Param("gatewayRef") String gatewayRef, @Param("now") Instant now);

    int setPostAction(@Param("id") long id, @Param("actionId") long actionId);

    /** Takes over an attempt whose outcome is unknown (Error, or Pending since before {@code staleBefore}). */
    int claimRetry(@Param("id") long id, @Param("staleBefore") Instant staleBefore, @Param("now") Instant now);

    /**
     * Attempts of any company left Pending (abandoned) or Held (the gateway had not decided) since before {@code
     * staleBefore}, oldest first.
     */
    List<PaymentRow> stalePending(@Param("staleBefore") Instant staleBefore, @Param("limit") int limit);

    /** Refunds of a payment that are approved or may still be (Pending, Error). */
    BigDecimal refundsHeld(@Param("paymentId") long paymentId);

    List<PaymentRow> list(@Param("companyId") long companyId, @Param("listId") String listId,
                          @Param("limit") int limit);

    /** Per currency a customer paid in: approved and declined charges and the net amount collected. */
    List<CurrencyTotal> summary(@Param("companyId") long companyId, @Param("listId") String listId);

    /** One currency's line of a customer's summary. */
    final class CurrencyTotal {
        public String currency;
        public long approved;
        public long declined;
        public BigDecimal collected;
    }

    /** Insert/read holder of a profile with its gateway token. */
    final class ProfileRow {
        public Long id;
        public long companyId;
        public String customerListId;
        public String gateway;
        public String gatewayCustomerId;
        public String token;
        public String brand;
        public String last4;
        public int expMonth;
        public int expYear;
        public String fingerprint;
        public String nameOnCard;
        public boolean isDefault;
        public boolean autoEnabled;
        public String addedBy;
        public Instant createdAt;
        public Instant removedAt;
    }

    /** A payment_txn row. */
    final class PaymentRow {
        public Long id;
        public long companyId;
        public String customerListId;
        public Long profileId;
        public String kind;
        public String source;
        public BigDecimal amount;
        public String currency;
        public String result;
        public String message;
        public String gateway;
        public String gatewayRef;
        public Long refundOf;
        public String idempotencyKey;
        public String requestFingerprint;
        public String postKey;
        public Long postActionId;
        public String staffUser;
        public int attempts;
        public Instant createdAt;
        public Instant updatedAt;
        /** Home currency per unit of {@code currency}, for a payment in another currency than the home one. */
        public BigDecimal exchangeRate;
    }

    /** An invoice's balance in QuickBooks and what Ledgerbridge holds against it that QuickBooks does not show yet. */
    final class InvoiceState {
        public String txnId;
        public String refNumber;
        public String customerListId;
        public BigDecimal balanceRemaining;
        public boolean isPaid;
        public boolean isDeleted;
        public BigDecimal held;
        /** ISO code; null in a file without multicurrency (the home currency). */
        public String currency;
        public BigDecimal exchangeRate;
        public java.time.LocalDate txnDate;
    }

    /** One invoice of a payment. */
    final class Applied {
        public long paymentId;
        public String invoiceTxnId;
        public String refNumber;
        public BigDecimal amount;
    }
}
