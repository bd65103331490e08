package dev.ledgerbridge.db;

import java.time.Instant;
import org.apache.ibatis.annotations.Param;

/** Job leases (job_lease). */
public interface LeaseMapper {
    /** Creates the lease row, already expired, when it is missing. */
    void ensure(@Param("name") String name, @Param("now") Instant now);

    /** Takes or renews the lease when it is free, expired or already the owner's; 1 when the owner now holds it. */
    int take(@Param("name") String name, @Param("owner") String owner, @Param("now") Instant now,
             @Param("until") Instant until);

    /** Ends the owner's lease at once. */
    int release(@Param("name") String name, @Param("owner") String owner, @Param("now") Instant now);

    /** The current owner of an unexpired lease, or null. */
    String holder(@Param("name") String name, @Param("now") Instant now);
}
