package dev.ledgerbridge.testkit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An item line: amount = quantity × rate rounded half-up to cents, or a fixed amount, or a description-only
 * line (no item, no amount).
 */
public record LineSpec(String item, String desc, BigDecimal quantity, BigDecimal rate, BigDecimal amount,
                       boolean isTaxable) implements InvoiceLineSpec {

    public static LineSpec item(String item, String desc, String quantity, String rate) {
        return item(item, desc, new BigDecimal(quantity), new BigDecimal(rate));
    }

    public static LineSpec item(String item, String desc, BigDecimal quantity, BigDecimal rate) {
        BigDecimal amount = quantity.multiply(rate).setScale(2, RoundingMode.HALF_UP);
        return new LineSpec(item, desc, quantity, rate, amount, false);
    }

    public static LineSpec amount(String item, String desc, String amount) {
        return new LineSpec(item, desc, null, null, new BigDecimal(amount).setScale(2, RoundingMode.UNNECESSARY), false);
    }

    public static LineSpec descriptionOnly(String desc) {
        return new LineSpec(null, desc, null, null, null, false);
    }

    /** The same line, subject to sales tax. */
    public LineSpec taxable() {
        return new LineSpec(item, desc, quantity, rate, amount, true);
    }
}
