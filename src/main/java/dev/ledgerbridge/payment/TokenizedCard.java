package dev.ledgerbridge.payment;

/**
 * What a gateway gives back for a saved card: its token and what may be shown of the card, with the gateway's
 * fingerprint of the card number (null where it gives none).
 */
public record TokenizedCard(String token, String brand, String last4, int expMonth, int expYear, String fingerprint) {

    public TokenizedCard(String token, String brand, String last4, int expMonth, int expYear) {
        this(token, brand, last4, expMonth, expYear, null);
    }
}
