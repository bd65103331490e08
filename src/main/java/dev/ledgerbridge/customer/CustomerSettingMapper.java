package dev.ledgerbridge.customer;

import java.time.Instant;
import org.apache.ibatis.annotations.Param;

/** Ledgerbridge's own per-customer settings (customer_setting, customer.auto_processing). */
public interface CustomerSettingMapper {
    /** Stored row: extra emails one per line. */
    record Row(String extraEmails, String notes, Instant updatedAt, String updatedBy) {
    }

    Row find(@Param("companyId") long companyId, @Param("listId") String listId);

    void save(@Param("companyId") long companyId, @Param("listId") String listId,
              @Param("extraEmails") String extraEmails, @Param("notes") String notes, @Param("now") Instant now,
              @Param("by") String by);

    int setAutoProcessing(@Param("companyId") long companyId, @Param("listId") String listId,
                          @Param("on") boolean on, @Param("now") Instant now);
}
