package dev.ledgerbridge.customer;

/** A postal address as QuickBooks keeps it (BillAddress / ShipAddress). Every field may be null. */
public record Address(String addr1, String addr2, String addr3, String addr4, String addr5,
                      String city, String state, String postalCode, String country, String note) {

    public static final Address EMPTY = new Address(null, null, null, null, null, null, null, null, null, null);
}
