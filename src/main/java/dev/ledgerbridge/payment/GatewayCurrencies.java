package dev.ledgerbridge.payment;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The currencies a gateway account can charge: any (the sandbox), a set (Stripe: what its country allows), or one (an
 * account with a single currency, as an Authorize.Net merchant account is). Codes are ISO 4217, upper case.
 */
public record GatewayCurrencies(boolean any, Set<String> codes) {

    /** An account that charges in any currency. */
    public static final GatewayCurrencies ANY = new GatewayCurrencies(true, Set.of());

    public GatewayCurrencies {
        TreeSet<String> upper = new TreeSet<>();
        for (String c : codes) {
            upper.add(c.trim().toUpperCase(Locale.ROOT));
        }
        codes = Set.copyOf(upper);
        if (!any && codes.isEmpty()) {
            throw new IllegalArgumentException("an account takes at least one currency");
        }
    }

    /** An account that charges only in these currencies (one, for a single-currency account). */
    public static GatewayCurrencies of(String... codes) {
        return new GatewayCurrencies(false, Set.of(codes));
    }

    public static GatewayCurrencies of(Set<String> codes) {
        return new GatewayCurrencies(false, codes);
    }

    public boolean takes(String currency) {
        return any || currency != null && codes.contains(currency.toUpperCase(Locale.ROOT));
    }

    /** e.g. "any currency", "CAD, USD". */
    public String describe() {
        return any ? "any currency" : String.join(", ", new TreeSet<>(codes));
    }
}
