package dev.ledgerbridge.payment;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The currencies of one company file. {@code home} is the home currency: in a file with multicurrency on, the one its
 * preferences name (HomeCurrencyRef, read through the currency list); otherwise the currency of the company's payment
 * settings, the one it has always been charged in. A record stored without a currency (a file without multicurrency)
 * is in the home currency. {@code several} is true when the company's customers are in more than one currency: only
 * then do pages print a code beside each amount.
 */
public record CompanyCurrencies(String home, boolean multicurrency, boolean several) {

    public CompanyCurrencies {
        Objects.requireNonNull(home, "home");
    }

    /** The currency of a stored record: its own code, or the home currency when it names none. */
    public String of(String stored) {
        return stored == null || stored.isBlank() ? home : stored;
    }

    /** An amount as pages print it: "1,000.00" in a file of one currency, "1,000.00 USD" in one of several. */
    public String label(String formattedAmount, String stored) {
        return several ? formattedAmount + " " + of(stored) : formattedAmount;
    }

    /** The same, for an amount not yet formatted (two decimals, no grouping). */
    public String label(BigDecimal amount, String stored) {
        return label(amount == null ? "" : amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(), stored);
    }
}
