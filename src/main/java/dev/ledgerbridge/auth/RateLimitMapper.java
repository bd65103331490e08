package dev.ledgerbridge.auth;

import java.time.Instant;
import org.apache.ibatis.annotations.Param;

/** Sliding-window rate limits per key (rate_limit_key, rate_limit_hit). */
public interface RateLimitMapper {
    /** Writes the key's row (creating it), which holds every other hit of the key until this transaction ends. */
    void touch(@Param("bucket") String bucket, @Param("now") Instant now);

    int hitsSince(@Param("bucket") String bucket, @Param("from") Instant from);

    /** The oldest hit of the key in the window, or null. */
    Instant oldestSince(@Param("bucket") String bucket, @Param("from") Instant from);

    void addHit(@Param("bucket") String bucket, @Param("now") Instant now);

    /** Forgets hits and keys older than {@code before}. */
    int deleteHitsBefore(@Param("before") Instant before);

    int deleteKeysBefore(@Param("before") Instant before);
}
