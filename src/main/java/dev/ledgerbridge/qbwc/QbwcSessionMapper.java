package dev.ledgerbridge.qbwc;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface QbwcSessionMapper {
    void insert(@Param("ticketHash") String ticketHash, @Param("companyId") long companyId,
                @Param("loginId") long loginId, @Param("clientVersion") String clientVersion,
                @Param("remoteAddress") String remoteAddress, @Param("now") Instant now,
                @Param("expiresAt") Instant expiresAt);

    QbwcSession findByTicket(@Param("ticketHash") String ticketHash);

    List<QbwcSession> openForCompany(@Param("companyId") long companyId);

    void touch(@Param("id") long id, @Param("now") Instant now, @Param("expiresAt") Instant expiresAt);

    void recordHcp(@Param("id") long id, @Param("companyFile") String companyFile,
                   @Param("qbxmlVersion") String qbxmlVersion, @Param("fileId") String fileId,
                   @Param("fileName") String fileName, @Param("runId") Long runId);

    void setError(@Param("id") long id, @Param("error") String error);

    void setWait(@Param("id") long id, @Param("wait") boolean wait);

    void close(@Param("id") long id, @Param("state") String state, @Param("now") Instant now);
}
