package dev.ledgerbridge.action;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.util.List;
import org.apache.ibatis.session.SqlSession;

/**
 * The audit log: every staff action (signing in, bulk actions, settings and email edits, re-syncs, the queue
 * browser's retries and cancels, logins and tokens), who did it, when and from which address. Admins read it on
 * the Audit log page. Texts are cut to the column sizes; nothing secret is ever passed in.
 */
public final class AuditLog {
    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Writes one entry in its own transaction. */
    public void record(String staff, String remoteAddress, String action, Long companyId, String target,
                       String detail) {
        db.inTransaction(s -> {
            record(s, staff, remoteAddress, action, companyId, target, detail);
            s.commit();
        });
    }

    /** Writes one entry in the caller's transaction (with the change it records). */
    public void record(SqlSession s, String staff, String remoteAddress, String action, Long companyId, String target,
                       String detail) {
        s.getMapper(AuditMapper.class).insert(new AuditEntry(0, clock.instant(), cut(staff == null ? "?" : staff, 100),
                cut(remoteAddress, 64), cut(action, 60), companyId, cut(target, 100), cut(detail, 1000)));
    }

    /** Newest first; {@code staff} and {@code action} filter when not null. */
    public List<AuditEntry> list(String staff, String action, int offset, int limit) {
        return db.transaction(s -> {
            return s.getMapper(AuditMapper.class).list(staff, action, offset, limit);
        });
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
