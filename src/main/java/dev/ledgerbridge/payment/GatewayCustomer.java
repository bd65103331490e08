package dev.ledgerbridge.payment;

/** A customer already at the gateway, found to be linked: its id there, name and email. */
public record GatewayCustomer(String id, String name, String email) {
}
