package dev.ledgerbridge.simulate;

import java.time.Instant;

/**
 * An entry of the deleted-objects log: type is the ListDelType or TxnDelType ("Customer", "Invoice",
 * "ReceivePayment"), name the FullName (lists) or RefNumber (transactions, may be null).
 */
public record QbDeletedObject(String type, String id, Instant timeCreated, Instant timeDeleted, String name) {

    public boolean isList() {
        return "Customer".equals(type);
    }
}
