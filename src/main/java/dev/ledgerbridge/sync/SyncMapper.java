package dev.ledgerbridge.sync;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface SyncMapper {
    void insertRun(@Param("row") NewRun row);

    SyncRun findRun(@Param("id") long id);

    /** Locks the run row for the rest of the transaction. */
    SyncRun lockRun(@Param("id") long id);

    void updateCursor(@Param("r") SyncRun run);

    void raisePercent(@Param("id") long id, @Param("percent") int percent);

    void setProcessing(@Param("id") long id, @Param("until") Instant until);

    /** Ends a run still running; 1 when it did, 0 when the run had already ended. */
    int finishRun(@Param("id") long id, @Param("outcome") String outcome, @Param("error") String error,
                   @Param("hresult") String hresult, @Param("now") Instant now);

    /** Holds the steps of a run that are still pending or running, with the reason. */
    void holdOpenSteps(@Param("runId") long runId, @Param("reason") String reason, @Param("now") Instant now);

    List<SyncRun> recentRuns(@Param("companyId") long companyId, @Param("limit") int limit);

    void insertStep(@Param("s") SyncStepRow step);

    List<SyncStepRow> steps(@Param("runId") long runId);

    void updateStep(@Param("s") SyncStepRow step);

    Watermark watermark(@Param("companyId") long companyId, @Param("entity") String entity);

    void saveWatermark(@Param("companyId") long companyId, @Param("entity") String entity,
                       @Param("watermark") Instant watermark, @Param("offset") Integer offset,
                       @Param("now") Instant now);

    void requestResync(@Param("companyId") long companyId, @Param("entity") String entity, @Param("now") Instant now);

    void clearResync(@Param("companyId") long companyId, @Param("entity") String entity,
                     @Param("requestedBefore") Instant requestedBefore);

    /** Insert holder for a new run (MyBatis fills {@code id}). */
    final class NewRun {
        public Long id;
        public long companyId;
        public Instant startedAt;
        public String qbxmlVersion;
        public String plan;

        NewRun(long companyId, Instant startedAt, String qbxmlVersion, String plan) {
            this.companyId = companyId;
            this.startedAt = startedAt;
            this.qbxmlVersion = qbxmlVersion;
            this.plan = plan;
        }
    }
}
