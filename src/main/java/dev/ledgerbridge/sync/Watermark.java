package dev.ledgerbridge.sync;

import java.time.Instant;

/**
 * How far the last completed pull of one entity reached, as QuickBooks' own TimeModified (or TimeDeleted):
 * the instant and the UTC offset QuickBooks wrote it with. {@code resyncRequested} asks the next run for a
 * full pull of the entity.
 */
public record Watermark(long companyId, String entity, Instant watermark, Integer watermarkOffset,
                        boolean resyncRequested, Instant resyncRequestedAt, Instant lastCompletedAt) {
}
