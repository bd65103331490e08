package dev.ledgerbridge.action;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface ActionMapper {
    void insert(@Param("row") NewAction row);

    ActionRequest find(@Param("id") long id);

    List<ActionRequest> findAll(@Param("ids") Collection<Long> ids);

    ActionRequest findByKey(@Param("key") String idempotencyKey);

    List<ActionRequest> list(@Param("companyId") long companyId, @Param("state") String state,
                             @Param("limit") int limit);

    void upsertEmail(@Param("companyId") long companyId, @Param("listId") String listId, @Param("email") String email,
                     @Param("actionId") long actionId, @Param("now") Instant now);

    PendingEmail pendingEmail(@Param("companyId") long companyId, @Param("listId") String listId);

    /** Insert holder (MyBatis fills {@code id}). */
    final class NewAction {
        public Long id;
        public long companyId;
        public String kind;
        public String key;
        public String customers;
        public int customerCount;
        public String payload;
        public String message;
        public String requestedBy;
        public Instant now;
    }
}
