package dev.ledgerbridge.qbxml;

import java.time.OffsetDateTime;

/**
 * One object QuickBooks reports as deleted: a {@code ListDeletedRet} (type from ListDelType, id = ListID,
 * name = FullName) or a {@code TxnDeletedRet} (type from TxnDelType, id = TxnID, name = RefNumber).
 */
public record DeletedRecord(String type, String id, OffsetDateTime timeCreated, OffsetDateTime timeDeleted,
                            String name) {
}
