package dev.ledgerbridge.payment.sandbox;

import dev.ledgerbridge.payment.TokenizedCard;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.ibatis.annotations.Param;

/** The sandbox gateway's own tables. */
public interface SandboxMapper {
    String customerByReference(@Param("reference") String reference);

    int customerExists(@Param("id") String id);

    void insertCustomer(@Param("id") String id, @Param("reference") String reference, @Param("now") Instant now);

    void insertMethod(@Param("t") TokenizedCard t, @Param("customerId") String customerId,
                      @Param("behaviour") String behaviour, @Param("now") Instant now);

    Method method(@Param("token") String token);

    int deleteMethod(@Param("customerId") String customerId, @Param("token") String token, @Param("now") Instant now);

    Charge chargeByKey(@Param("key") String key);

    Charge chargeByRef(@Param("ref") String ref);

    BigDecimal refunded(@Param("ref") String chargeRef);

    void insertCharge(@Param("c") Charge c);

    void markAnswered(@Param("ref") String ref);

    /** A stored payment method. */
    final class Method {
        public String token;
        public String customerId;
        public String behaviour;
        public Instant deletedAt;
    }

    /** A stored charge or refund with its answer. */
    final class Charge {
        public String ref;
        public String idempotencyKey;
        public String kind;
        public String token;
        public String originalRef;
        public BigDecimal amount;
        public String currency;
        public String outcome;
        public String message;
        public boolean answered;
        public Instant createdAt;
    }
}
