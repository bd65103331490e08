package dev.ledgerbridge.auth;

import java.time.Instant;
import org.apache.ibatis.annotations.Param;

/** The probe value that tells at start whether this server's secrets key can read the secrets stored before. */
public interface SecretProbeMapper {
    String probe();

    int insertProbe(@Param("sealed") String sealed, @Param("now") Instant now);
}
