package dev.ledgerbridge.auth;

import java.time.Instant;
import org.apache.ibatis.annotations.Param;

public interface StaffMapper {
    int count();

    StaffUser findByUsername(@Param("username") String username);

    void insert(@Param("username") String username, @Param("passwordHash") String passwordHash,
                @Param("role") String role, @Param("now") Instant now);

    void recordSuccess(@Param("id") long id, @Param("now") Instant now);

    java.util.List<StaffUser> list();

    StaffUser findById(@Param("id") long id);

    int setPassword(@Param("id") long id, @Param("passwordHash") String passwordHash);

    int setEnabled(@Param("id") long id, @Param("enabled") boolean enabled);

    int countEnabledAdmins();

    /** Signs the login out everywhere (its sessions end). */
    void endSessions(@Param("id") long id);
}
