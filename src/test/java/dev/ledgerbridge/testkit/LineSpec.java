package dev.ledgerbridge.testkit;

import java.math.BigDecimal;

/**
 * An item line: amount = quantity × rate rounded half-up to cents, or a fixed amount, or a description-only
 * line (no item, no amount). The test kit's face of {@link dev.ledgerbridge.simulate.LineSpec}.
 */
public record LineSpec(String item, String desc, BigDecimal quantity, BigDecimal rate, BigDecimal amount,
                       boolean isTaxable) implements InvoiceLineSpec {

    public static LineSpec item(String item, String desc, String quantity, String rate) {
        return of(dev.ledgerbridge.simulate.LineSpec.item(item, desc, quantity, rate));
    }

    public static LineSpec item(String item, String desc, BigDecimal quantity, BigDecimal rate) {
        return of(dev.ledgerbridge.simulate.LineSpec.item(item, desc, quantity, rate));
    }

    public static LineSpec amount(String item, String desc, String amount) {
        return of(dev.ledgerbridge.simulate.LineSpec.amount(item, desc, amount));
    }

    public static LineSpec descriptionOnly(String desc) {
        return of(dev.ledgerbridge.simulate.LineSpec.descriptionOnly(desc));
    }

    /** The same line, subject to sales tax. */
    public LineSpec taxable() {
        return of(toMain().taxable());
    }

    private static LineSpec of(dev.ledgerbridge.simulate.LineSpec l) {
        return new LineSpec(l.item(), l.desc(), l.quantity(), l.rate(), l.amount(), l.isTaxable());
    }

    dev.ledgerbridge.simulate.LineSpec toMain() {
        return new dev.ledgerbridge.simulate.LineSpec(item, desc, quantity, rate, amount, isTaxable);
    }
}
