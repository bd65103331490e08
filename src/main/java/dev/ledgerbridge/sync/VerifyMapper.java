package dev.ledgerbridge.sync;

import java.time.Instant;
import org.apache.ibatis.annotations.Param;

/** The verify step's state per company (table sync_verify). */
public interface VerifyMapper {
    Verification find(@Param("companyId") long companyId);

    /** Starts (or restarts) a verification by run {@code runId} at its first phase. */
    void start(@Param("companyId") long companyId, @Param("runId") long runId, @Param("phase") String phase);

    /** Adds a page's counts to the verification in progress. */
    void count(@Param("companyId") long companyId, @Param("checked") int checked, @Param("corrected") int corrected);

    void phase(@Param("companyId") long companyId, @Param("phase") String phase);

    /** Ends the verification in progress: the mirror was proved equal at {@code at}. */
    void done(@Param("companyId") long companyId, @Param("at") Instant at);

    /** Records a first sync as the mirror's first proof (it read everything). */
    void firstProof(@Param("companyId") long companyId, @Param("at") Instant at);

    /** A company's verification: the one in progress, and the last one finished. */
    record Verification(long companyId, Long runId, String phase, int checked, int corrected, Instant lastVerifiedAt,
                        Integer lastChecked, Integer lastCorrected) {
    }
}
