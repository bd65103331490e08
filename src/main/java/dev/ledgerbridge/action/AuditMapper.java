package dev.ledgerbridge.action;

import java.util.List;
import org.apache.ibatis.annotations.Param;

public interface AuditMapper {
    void insert(@Param("e") AuditEntry entry);

    /** Newest first; staff and action optional. */
    List<AuditEntry> list(@Param("staff") String staff, @Param("action") String action, @Param("offset") int offset,
                          @Param("limit") int limit);
}
