package dev.ledgerbridge.payment;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** card_request, its events and the per-company pre-authorization text. */
public interface CardRequestMapper {
    void insert(@Param("row") NewRequest row);

    CardRequest find(@Param("companyId") long companyId, @Param("id") long id, @Param("now") Instant now);

    /** The request of a link's token hash, its row locked until the transaction ends. */
    CardRequest lockByHash(@Param("hash") String tokenHash, @Param("now") Instant now);

    CardRequest findByHash(@Param("hash") String tokenHash, @Param("now") Instant now);

    List<CardRequest> forCustomer(@Param("companyId") long companyId, @Param("listId") String listId,
                                  @Param("now") Instant now, @Param("limit") int limit);

    List<CardRequest> recent(@Param("companyId") long companyId, @Param("now") Instant now, @Param("limit") int limit);

    int setSent(@Param("id") long id, @Param("status") String status, @Param("mailId") long mailId);

    /** Records the first opening only; 1 when this was it. */
    int markOpened(@Param("id") long id, @Param("now") Instant now);

    /** Completes a request that is still sent or opened; 1 when it did. */
    int complete(@Param("id") long id, @Param("now") Instant now, @Param("from") String remoteAddress,
                 @Param("profileId") long profileId);

    void event(@Param("requestId") long requestId, @Param("at") Instant at, @Param("event") String event,
               @Param("detail") String detail, @Param("remote") String remoteAddress);

    List<CardRequestEvent> events(@Param("companyId") long companyId, @Param("listId") String listId);

    String preauthText(@Param("companyId") long companyId);

    void savePreauthText(@Param("companyId") long companyId, @Param("text") String text, @Param("now") Instant now,
                         @Param("by") String by);

    /** Insert holder (MyBatis fills {@code id}). */
    final class NewRequest {
        public Long id;
        public long companyId;
        public String listId;
        public String kind;
        public Long replacesProfileId;
        public String tokenHash;
        public String status;
        public String recipients;
        public String requestedBy;
        public Instant createdAt;
        public Instant expiresAt;
    }
}
