package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The currency list and home currency of a simulated company file with multicurrency on. Each currency has the ListID
 * and name QuickBooks' CurrencyRef elements carry, its ISO 4217 code, and the exchange rate QuickBooks holds (units of
 * the home currency per unit of it; 1 for the home currency).
 */
final class CurrencyList {

    /** Names QuickBooks Desktop gives the currencies it ships with. */
    private static final Map<String, String> NAMES = Map.of("USD", "US Dollar", "CAD", "Canadian Dollar", "EUR", "Euro",
            "GBP", "British Pound Sterling", "AUD", "Australian Dollar", "MXN", "Mexican Peso");

    /** One currency of the list. */
    record Entry(String listId, String name, String code, BigDecimal rate, LocalDate asOf) {
    }

    private final String home;
    private final Map<String, Entry> byCode = new LinkedHashMap<>();

    CurrencyList(String home, String idSuffix, LocalDate today) {
        if (!NAMES.containsKey(home)) {
            throw new IllegalArgumentException("the simulated QuickBooks knows the currencies " + NAMES.keySet());
        }
        this.home = home;
        int n = 0;
        for (String code : List.of("USD", "CAD", "EUR", "GBP", "AUD", "MXN")) {
            byCode.put(code, new Entry(String.format("%X0000-%s", 0xC0 + n++, idSuffix), NAMES.get(code), code,
                    BigDecimal.ONE, code.equals(home) ? null : today));
        }
    }

    String home() {
        return home;
    }

    boolean isHome(String code) {
        return code == null || code.equals(home);
    }

    Entry entry(String code) {
        Entry e = byCode.get(code == null ? home : code);
        if (e == null) {
            throw new IllegalArgumentException("no currency " + code + " in the currency list; known: "
                    + byCode.keySet());
        }
        return e;
    }

    Optional<Entry> byRef(String listId, String name) {
        return byCode.values().stream()
                .filter(e -> listId != null ? e.listId().equals(listId) : e.name().equalsIgnoreCase(name)).findFirst();
    }

    List<Entry> entries() {
        return List.copyOf(byCode.values());
    }

    /** Sets the rate QuickBooks holds for a currency (home currency per unit), as of a day. */
    void setRate(String code, BigDecimal rate, LocalDate asOf) {
        if (isHome(code)) {
            throw new IllegalArgumentException("the home currency's rate is always 1");
        }
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("an exchange rate is positive");
        }
        Entry e = entry(code);
        byCode.put(code, new Entry(e.listId(), e.name(), code, rate, asOf));
    }

    /** An amount in a currency at a rate, in the home currency, rounded as QuickBooks rounds money. */
    static BigDecimal inHome(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }
}
