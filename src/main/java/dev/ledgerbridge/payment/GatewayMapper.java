package dev.ledgerbridge.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Companies' accounts at gateways (credentials), gateway customers, and webhook events. */
public interface GatewayMapper {

    List<Credential> credentials(@Param("companyId") long companyId, @Param("gateway") String gateway);

    void upsertCredential(@Param("companyId") long companyId, @Param("gateway") String gateway,
                          @Param("c") Credential c, @Param("now") Instant now, @Param("by") String by);

    String gatewayCustomer(@Param("companyId") long companyId, @Param("listId") String listId,
                           @Param("gateway") String gateway, @Param("account") String account);

    /** Stores the gateway customer unless one is there already (then the caller reads that one). */
    int insertGatewayCustomer(@Param("companyId") long companyId, @Param("listId") String listId,
                              @Param("gateway") String gateway, @Param("account") String account,
                              @Param("customerId") String customerId, @Param("now") Instant now);

    /** The QuickBooks customer of a gateway customer id (null when unknown). */
    String customerOfGatewayCustomer(@Param("companyId") long companyId, @Param("gateway") String gateway,
                                     @Param("customerId") String customerId);

    int eventExists(@Param("companyId") long companyId, @Param("gateway") String gateway,
                    @Param("eventId") String eventId);

    /** Stores an event unless it was stored before (0: a replay). */
    int insertEvent(@Param("e") EventRow e);

    List<EventRow> events(@Param("companyId") long companyId, @Param("listId") String listId,
                          @Param("limit") int limit);

    /** The live QuickBooks customers whose ListID, full name or name is {@code key} (case as MariaDB compares). */
    List<CustomerMatch> customersMatching(@Param("companyId") long companyId, @Param("key") String key);

    /** A QuickBooks customer a row of a linking file matched. */
    final class CustomerMatch {
        public String listId;
        public String fullName;
    }

    /** One stored credential field: a public value, or a sealed secret with its last four characters. */
    final class Credential {
        public String name;
        public String publicValue;
        public String sealedValue;
        public String last4;
        public Instant updatedAt;
        public String updatedBy;
    }

    /** A gateway_event row. */
    final class EventRow {
        public Long id;
        public long companyId;
        public String gateway;
        public String eventId;
        public String type;
        public String kind;
        public String customerListId;
        public Long paymentId;
        public BigDecimal amount;
        public String currency;
        public String summary;
        public Instant receivedAt;
    }
}
