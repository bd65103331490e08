package dev.ledgerbridge.company;

import java.time.Instant;

/**
 * One QuickBooks company file served by this server. Until its first successful run it is not bound to a
 * file; after that, {@code boundFileId} (the FileID the Web Connector stamped into the file) or, when QuickBooks
 * gives none, {@code boundFileName} (its CompanyName) identifies the only file allowed to sync into it.
 */
public record Company(long id, String name, String boundFileId, String boundFileName, String boundFilePath,
                      Instant boundAt, String qbProduct, String qbCountry, String qbxmlVersion,
                      Instant lastContactAt, Instant lastSuccessAt, Instant createdAt) {

    public boolean bound() {
        return boundAt != null;
    }
}
