package dev.ledgerbridge.payment;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * A card as typed by a person, on its way to the gateway. It is never stored and never logged: {@link #toString()}
 * shows only the last four digits. {@link #validate(Clock)} checks the number (digits, length, Luhn check digit) and
 * that the expiry month has not passed.
 */
public record CardDetails(String number, int expMonth, int expYear, String nameOnCard, String postalCode) {

    public CardDetails {
        number = number == null ? "" : number.replaceAll("[\\s-]", "");
        nameOnCard = nameOnCard == null || nameOnCard.isBlank() ? null : nameOnCard.trim();
        postalCode = postalCode == null || postalCode.isBlank() ? null : postalCode.trim();
    }

    /** Throws PaymentException, saying what is wrong, unless the card could be sent to a gateway. */
    public CardDetails validate(Clock clock) {
        if (!number.matches("\\d{12,19}")) {
            throw new PaymentException("The card number must be 12 to 19 digits.");
        }
        if (!luhn(number)) {
            throw new PaymentException("The card number is not valid (check the digits).");
        }
        if (expMonth < 1 || expMonth > 12) {
            throw new PaymentException("The expiry month must be 1 to 12.");
        }
        if (expYear < 2000 || expYear > 2100) {
            throw new PaymentException("The expiry year must be four digits, e.g. 2030.");
        }
        if (YearMonth.of(expYear, expMonth).isBefore(YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)))) {
            throw new PaymentException("The card expired in " + String.format("%02d/%d", expMonth, expYear) + ".");
        }
        if (nameOnCard != null && nameOnCard.length() > 100) {
            throw new PaymentException("The name on the card can be at most 100 characters.");
        }
        if (postalCode != null && postalCode.length() > 20) {
            throw new PaymentException("The postal code can be at most 20 characters.");
        }
        return this;
    }

    public String last4() {
        return number.length() >= 4 ? number.substring(number.length() - 4) : "";
    }

    /** The card brand by its number's prefix. */
    public String brand() {
        if (number.startsWith("4")) {
            return "Visa";
        }
        if (number.matches("5[1-5].*") || number.matches("2[2-7].*")) {
            return "Mastercard";
        }
        if (number.matches("3[47].*")) {
            return "Amex";
        }
        if (number.startsWith("6011") || number.startsWith("65")) {
            return "Discover";
        }
        return "Card";
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Masked: the card number never reaches a log through this record. */
    @Override
    public String toString() {
        return "CardDetails[number=****" + last4() + ", exp=" + String.format("%02d/%d", expMonth, expYear)
                + ", name=" + nameOnCard + "]";
    }
}
