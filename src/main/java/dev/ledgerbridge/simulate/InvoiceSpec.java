package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A new invoice ({@link #forCustomer(String)}) or changes to one ({@link #changes()}). Unset fields of a new
 * invoice get QuickBooks' defaults: TxnDate today in the company zone, the next RefNumber, DueDate from the terms
 * ("Net N" → TxnDate + N days, otherwise TxnDate), no tax. In changes, setting any line replaces all lines.
 */
public final class InvoiceSpec {

    final Map<String, Object> values = new LinkedHashMap<>();
    List<InvoiceLineSpec> lines;

    private InvoiceSpec() {
    }

    public static InvoiceSpec forCustomer(String customerListId) {
        return new InvoiceSpec().customer(customerListId);
    }

    public static InvoiceSpec changes() {
        return new InvoiceSpec();
    }

    private InvoiceSpec set(String key, Object value) {
        values.put(key, value);
        return this;
    }

    public InvoiceSpec customer(String customerListId) {
        return set("CustomerRef", customerListId);
    }

    public InvoiceSpec txnDate(LocalDate v) {
        return set("TxnDate", v);
    }

    public InvoiceSpec dueDate(LocalDate v) {
        return set("DueDate", v);
    }

    public InvoiceSpec refNumber(String v) {
        return set("RefNumber", v);
    }

    public InvoiceSpec terms(String v) {
        return set("TermsRef", v);
    }

    public InvoiceSpec poNumber(String v) {
        return set("PONumber", v);
    }

    public InvoiceSpec memo(String v) {
        return set("Memo", v);
    }

    public InvoiceSpec billAddress(QbAddress v) {
        return set("BillAddress", v);
    }

    public InvoiceSpec shipAddress(QbAddress v) {
        return set("ShipAddress", v);
    }

    public InvoiceSpec shipDate(LocalDate v) {
        return set("ShipDate", v);
    }

    /** The sales tax item charged (default "Sales Tax" when a rate is set). */
    public InvoiceSpec itemSalesTax(String v) {
        return set("ItemSalesTaxRef", v);
    }

    public InvoiceSpec toBeEmailed(boolean v) {
        return set("IsToBeEmailed", v);
    }

    /** A custom field (a public data extension, returned for OwnerID 0); a null value removes it. */
    public InvoiceSpec customField(String name, String value) {
        @SuppressWarnings("unchecked")
        Map<String, String> fields = (Map<String, String>) values.computeIfAbsent("DataExt", k -> new LinkedHashMap<>());
        fields.put(name, value);
        return this;
    }

    /** Sales tax rate in percent applied to the taxable lines, e.g. "8.875". */
    public InvoiceSpec salesTaxPercentage(String v) {
        return set("SalesTaxPercentage", v == null ? null : new BigDecimal(v));
    }

    public InvoiceSpec salesTaxPercentage(BigDecimal v) {
        return set("SalesTaxPercentage", v);
    }

    /** Replaces the lines. */
    public InvoiceSpec lines(InvoiceLineSpec... v) {
        lines = new ArrayList<>(Arrays.asList(v));
        return this;
    }

    public InvoiceSpec line(InvoiceLineSpec v) {
        if (lines == null) {
            lines = new ArrayList<>();
        }
        lines.add(v);
        return this;
    }

    @Override
    public String toString() {
        return "InvoiceSpec" + values + (lines == null ? "" : " lines=" + lines);
    }
}
