package dev.ledgerbridge.payment;

import java.util.Optional;

/** The QuickBooks customer a gateway customer profile is made for: the gateway keeps these as its metadata. */
public record CustomerRef(long companyId, String companyName, String listId, String name, String email) {

    /**
     * The first well-formed address of the customer's email field (QuickBooks lets it hold several), at most
     * {@code max} characters, for a gateway that keeps one.
     */
    public Optional<String> firstEmail(int max) {
        if (email == null) {
            return Optional.empty();
        }
        for (String a : email.split("[,;\\s]+")) {
            if (a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") && a.length() <= max) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
