package dev.ledgerbridge.payment;

/** What a gateway gives back for a saved card: its token and what may be shown of the card. */
public record TokenizedCard(String token, String brand, String last4, int expMonth, int expYear) {
}
