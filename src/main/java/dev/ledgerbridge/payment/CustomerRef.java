package dev.ledgerbridge.payment;

/** The QuickBooks customer a gateway customer profile is made for: the gateway keeps these as its metadata. */
public record CustomerRef(long companyId, String companyName, String listId, String name, String email) {
}
