package dev.ledgerbridge.auth;

import java.time.Instant;
import org.apache.ibatis.annotations.Param;

/** Failed sign-ins per realm, login and remote address (login_throttle). */
public interface ThrottleMapper {
    /** The latest wait_until of the login's row and the address's unknown-username row, or null. */
    Instant waitUntil(@Param("realm") String realm, @Param("loginId") long loginId, @Param("address") String address);

    /** Counts one more failure (starting again at one when the last is older than {@code forgetBefore}). */
    void addFailure(@Param("realm") String realm, @Param("loginId") long loginId, @Param("address") String address,
                    @Param("now") Instant now, @Param("forgetBefore") Instant forgetBefore);

    /** The failures in a row of the row, read under the lock {@link #addFailure} took. */
    int failures(@Param("realm") String realm, @Param("loginId") long loginId, @Param("address") String address);

    void setWait(@Param("realm") String realm, @Param("loginId") long loginId, @Param("address") String address,
                 @Param("waitUntil") Instant waitUntil);

    void delete(@Param("realm") String realm, @Param("loginId") long loginId, @Param("address") String address);

    /** Every row of a login (all addresses). */
    void deleteLogin(@Param("realm") String realm, @Param("loginId") long loginId);

    int deleteOlderThan(@Param("before") Instant before);
}
