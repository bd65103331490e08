package dev.ledgerbridge.autopay;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** auto_setting, the open invoices auto processing looks at, and auto_charge (claims and results). */
public interface AutoMapper {
    AutoSettings settings(@Param("companyId") long companyId);

    void saveSettings(@Param("s") AutoSettings s);

    /** Companies whose switch is on. */
    List<Long> enabledCompanies();

    /**
     * Open invoices (balance above zero, not paid, not deleted, customer not deleted) of the company, of one
     * customer when customerListId is given, of customers with auto processing on when autoOnly.
     */
    List<OpenInvoice> openInvoices(@Param("companyId") long companyId, @Param("customer") String customerListId,
                                   @Param("autoOnly") boolean autoOnly, @Param("limit") int limit);

    /** One invoice (open or not), as auto processing sees it; null when not stored. */
    OpenInvoice invoice(@Param("companyId") long companyId, @Param("txnId") String txnId);

    /**
     * The scheduler's auto attempts at the company's open invoices (of one customer when given) on their current due
     * dates, by attempt.
     */
    List<ChargeRow> autoCharges(@Param("companyId") long companyId, @Param("customer") String customerListId);

    /**
     * Inserting the row is the claim; a second insert of the same key (uq_auto_charge_key) leaves the first row as it
     * is, so its claimed_by says who has the claim.
     */
    void insertClaim(@Param("c") ChargeRow claim);

    /** The attempt under a key, read as committed (locked until the transaction ends). */
    ChargeRow charge(@Param("companyId") long companyId, @Param("key") String chargeKey);

    /** Claims whose scheduler did not finish them before their lease ran out. */
    List<ChargeRow> expiredClaims(@Param("now") Instant now, @Param("limit") int limit);

    /** Takes over an expired claim; 1 when this scheduler got it. */
    int takeOver(@Param("id") long id, @Param("by") String by, @Param("now") Instant now,
                 @Param("leaseUntil") Instant leaseUntil);

    /** Records the result of a claimed attempt; 0 when another scheduler recorded it first. */
    int finish(@Param("id") long id, @Param("result") String result, @Param("message") String message,
               @Param("paymentId") Long paymentId, @Param("now") Instant now);

    /** An attempt whose outcome is unknown (the gateway did not answer) is asked again after leaseUntil. */
    int deferClaim(@Param("id") long id, @Param("message") String message, @Param("leaseUntil") Instant leaseUntil);

    /** Claims of a plan not finished yet. */
    int openClaims(@Param("planId") long planId);
}
