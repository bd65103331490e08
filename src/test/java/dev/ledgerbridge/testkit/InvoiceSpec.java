package dev.ledgerbridge.testkit;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A new invoice ({@link #forCustomer(String)}) or changes to one ({@link #changes()}). Unset fields of a new
 * invoice get QuickBooks' defaults: TxnDate today in the company zone, the next RefNumber, DueDate from the terms
 * ("Net N" → TxnDate + N days, otherwise TxnDate), no tax. In changes, setting any line replaces all lines.
 * The test kit's face of {@link dev.ledgerbridge.simulate.InvoiceSpec}.
 */
public final class InvoiceSpec {

    private final dev.ledgerbridge.simulate.InvoiceSpec spec;

    private InvoiceSpec(dev.ledgerbridge.simulate.InvoiceSpec spec) {
        this.spec = spec;
    }

    public static InvoiceSpec forCustomer(String customerListId) {
        return new InvoiceSpec(dev.ledgerbridge.simulate.InvoiceSpec.forCustomer(customerListId));
    }

    public static InvoiceSpec changes() {
        return new InvoiceSpec(dev.ledgerbridge.simulate.InvoiceSpec.changes());
    }

    public InvoiceSpec customer(String customerListId) {
        spec.customer(customerListId);
        return this;
    }

    public InvoiceSpec txnDate(LocalDate v) {
        spec.txnDate(v);
        return this;
    }

    public InvoiceSpec dueDate(LocalDate v) {
        spec.dueDate(v);
        return this;
    }

    public InvoiceSpec refNumber(String v) {
        spec.refNumber(v);
        return this;
    }

    public InvoiceSpec terms(String v) {
        spec.terms(v);
        return this;
    }

    public InvoiceSpec poNumber(String v) {
        spec.poNumber(v);
        return this;
    }

    public InvoiceSpec memo(String v) {
        spec.memo(v);
        return this;
    }

    public InvoiceSpec billAddress(QbAddress v) {
        spec.billAddress(QbAddress.toMain(v));
        return this;
    }

    /** Sales tax rate in percent applied to the taxable lines, e.g. "8.875". */
    public InvoiceSpec salesTaxPercentage(String v) {
        spec.salesTaxPercentage(v);
        return this;
    }

    public InvoiceSpec salesTaxPercentage(BigDecimal v) {
        spec.salesTaxPercentage(v);
        return this;
    }

    /** Replaces the lines. */
    public InvoiceSpec lines(InvoiceLineSpec... v) {
        spec.lines(java.util.Arrays.stream(v).map(InvoiceSpec::mainLine)
                .toArray(dev.ledgerbridge.simulate.InvoiceLineSpec[]::new));
        return this;
    }

    public InvoiceSpec line(InvoiceLineSpec v) {
        spec.line(mainLine(v));
        return this;
    }

    private static dev.ledgerbridge.simulate.InvoiceLineSpec mainLine(InvoiceLineSpec line) {
        return line instanceof LineSpec l ? l.toMain() : ((GroupSpec) line).toMain();
    }

    dev.ledgerbridge.simulate.InvoiceSpec toMain() {
        return spec;
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
