package dev.ledgerbridge.auth;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Staff sessions and API tokens. */
public interface AccessMapper {
    void insertSession(@Param("idHash") String idHash, @Param("staffId") long staffId, @Param("csrf") String csrf,
                       @Param("now") Instant now, @Param("expiresAt") Instant expiresAt,
                       @Param("remoteAddress") String remoteAddress);

    StaffSession findSession(@Param("idHash") String idHash, @Param("now") Instant now);

    void touchSession(@Param("idHash") String idHash, @Param("now") Instant now, @Param("expiresAt") Instant expiresAt);

    void deleteSession(@Param("idHash") String idHash);

    int deleteExpiredSessions(@Param("now") Instant now);

    void setFlash(@Param("idHash") String idHash, @Param("flash") String flash);

    String flash(@Param("idHash") String idHash);

    void insertToken(@Param("name") String name, @Param("hash") String hash, @Param("prefix") String prefix,
                     @Param("staffId") long staffId, @Param("now") Instant now);

    /** The enabled staff login behind a token that is not revoked. */
    StaffUser tokenOwner(@Param("hash") String hash);

    void tokenUsed(@Param("hash") String hash, @Param("now") Instant now, @Param("before") Instant before);

    List<ApiToken> tokens();

    int revokeToken(@Param("id") long id, @Param("now") Instant now);
}
