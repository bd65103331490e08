package dev.ledgerbridge.mail;

import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** mail_log: every message Ledgerbridge sent or tried to send. */
public interface MailMapper {
    void insert(@Param("row") NewMail row);

    int finish(@Param("id") long id, @Param("status") String status, @Param("error") String error,
               @Param("outboxFile") String outboxFile, @Param("messageSealed") String messageSealed);

    /** The outbox message of the row as written, encrypted with the secrets key; null when it has none. */
    String sealedMessage(@Param("id") long id);

    MailLogEntry find(@Param("id") long id);

    List<MailLogEntry> recent(@Param("limit") int limit);

    /** Insert holder (MyBatis fills {@code id}). */
    final class NewMail {
        public Long id;
        public Instant createdAt;
        public String recipients;
        public String subject;
        public String status;
    }
}
