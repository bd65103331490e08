package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * An item line: amount = quantity × rate rounded half-up to cents, or a fixed amount, or a description-only
 * line (no item, no amount).
 */
public record LineSpec(String item, String desc, BigDecimal quantity, BigDecimal rate, BigDecimal amount,
                       boolean isTaxable, LocalDate serviceDate) implements InvoiceLineSpec {

    public LineSpec(String item, String desc, BigDecimal quantity, BigDecimal rate, BigDecimal amount,
                    boolean isTaxable) {
        this(item, desc, quantity, rate, amount, isTaxable, null);
    }

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
        return new LineSpec(item, desc, quantity, rate, amount, true, serviceDate);
    }

    /** The same line, with the date the service was given. */
    public LineSpec servicedOn(LocalDate date) {
        return new LineSpec(item, desc, quantity, rate, amount, isTaxable, date);
    }
}
