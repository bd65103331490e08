package dev.ledgerbridge.payment.sandbox;

import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.payment.CardDetails;
import dev.ledgerbridge.payment.CustomerRef;
import dev.ledgerbridge.payment.GatewayCharge;
import dev.ledgerbridge.payment.GatewayCurrencies;
import dev.ledgerbridge.payment.GatewayRefund;
import dev.ledgerbridge.payment.GatewayResult;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentGateway;
import dev.ledgerbridge.payment.TokenizedCard;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.session.SqlSession;

/**
 * The built-in sandbox gateway: no real money moves. It behaves like a real gateway, deterministically by test card
 * number (README, "Payments"): 4111111111111111 and other valid numbers approve; 4000000000000002 declines "Card
 * declined"; 4000000000009995 declines "Insufficient funds"; 4000000000000119 takes the charge but its answer is
 * lost (ERROR, "Gateway timed out"), so only a retry with the same idempotency key learns it was approved;
 * 4000000000000069 is refused when saved ("Expired card"). Tokens, customers and charges live in its own tables
 * (sandbox_*), so a token still charges after a restart; the card number itself is never stored, only the
 * behaviour it asked for. {@link #timeOutNext(int)} makes the next calls time out the same way.
 */
public final class SandboxGateway implements PaymentGateway {
    public static final String NAME = "sandbox";
    public static final String LABEL = "Sandbox - no real money";
    public static final String APPROVE_CARD = "4111111111111111";
    public static final String DECLINE_CARD = "4000000000000002";
    public static final String INSUFFICIENT_FUNDS_CARD = "4000000000009995";
    public static final String TIMEOUT_CARD = "4000000000000119";
    public static final String REFUSED_CARD = "4000000000000069";

    static final String APPROVE = "approve";
    static final String DECLINE = "decline";
    static final String INSUFFICIENT = "insufficient";
    static final String TIMEOUT = "timeout";
    private static final Map<String, String> BEHAVIOUR = Map.of(DECLINE_CARD, DECLINE,
            INSUFFICIENT_FUNDS_CARD, INSUFFICIENT, TIMEOUT_CARD, TIMEOUT);
    static final String TIMED_OUT = "Gateway timed out: the outcome is unknown; retry with the same idempotency key";

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database db;
    private final Clock clock;
    private final AtomicInteger timeouts = new AtomicInteger();

    public SandboxGateway(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The next {@code calls} charges or refunds are carried out but answer ERROR as if the answer was lost. */
    public void timeOutNext(int calls) {
        timeouts.set(calls);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public String testLabel() {
        return LABEL;
    }

    @Override
    public boolean isSandbox() {
        return true;
    }

    @Override
    public boolean typedCards() {
        return true;
    }

    /** The sandbox moves no money, in any currency. */
    @Override
    public Optional<GatewayCurrencies> currencies() {
        return Optional.of(GatewayCurrencies.ANY);
    }

    @Override
    public String account() {
        return NAME;
    }

    private static String id(String prefix) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    @Override
    public String customerProfile(CustomerRef customer) {
        return customerProfile("ledgerbridge:" + customer.companyId() + ":" + customer.listId());
    }

    /** The sandbox customer of a reference, made on first use. */
    public String customerProfile(String reference) {
        try (SqlSession s = db.session()) {
            SandboxMapper m = s.getMapper(SandboxMapper.class);
            String existing = m.customerByReference(reference);
            if (existing != null) {
                return existing;
            }
            String id = id("sbx_cus_");
            try {
                m.insertCustomer(id, reference, clock.instant());
                s.commit();
                return id;
            } catch (PersistenceException e) {
                s.rollback();
                String raced = m.customerByReference(reference);
                if (raced == null) {
                    throw e;
                }
                return raced;
            }
        }
    }

    @Override
    public TokenizedCard tokenize(String customerProfileId, CardDetails card) {
        card.validate(clock);
        if (REFUSED_CARD.equals(card.number())) {
            throw new PaymentException("The gateway refused the card: Expired card.");
        }
        String behaviour = BEHAVIOUR.getOrDefault(card.number(), APPROVE);
        TokenizedCard t = new TokenizedCard(id("sbx_pm_"), card.brand(), card.last4(), card.expMonth(), card.expYear());
        try (SqlSession s = db.session()) {
            SandboxMapper m = s.getMapper(SandboxMapper.class);
            if (m.customerExists(customerProfileId) == 0) {
                throw new PaymentException("The gateway has no customer profile " + customerProfileId + ".");
            }
            m.insertMethod(t, customerProfileId, behaviour, clock.instant());
            s.commit();
        }
        return t;
    }

    @Override
    public void deletePaymentMethod(String customerProfileId, String token) {
        try (SqlSession s = db.session()) {
            s.getMapper(SandboxMapper.class).deleteMethod(customerProfileId, token, clock.instant());
            s.commit();
        }
    }

    @Override
    public GatewayResult charge(GatewayCharge charge) {
        return charge(charge.token(), charge.amount(), charge.currency(), charge.key());
    }

    /** Charges a token under a key (the sandbox's own call, which {@link #charge(GatewayCharge)} makes). */
    public GatewayResult charge(String token, BigDecimal amount, String currency, String idempotencyKey) {
        return transact(idempotencyKey, m -> {
            SandboxMapper.Method pm = m.method(token);
            SandboxMapper.Charge c = newCharge("charge", idempotencyKey, amount, currency);
            c.token = token;
            if (pm == null || pm.deletedAt != null) {
                c.outcome = GatewayResult.Outcome.DECLINED.name();
                c.message = "Payment method not found at the gateway";
            } else if (DECLINE.equals(pm.behaviour)) {
                c.outcome = GatewayResult.Outcome.DECLINED.name();
                c.message = "Card declined";
            } else if (INSUFFICIENT.equals(pm.behaviour)) {
                c.outcome = GatewayResult.Outcome.DECLINED.name();
                c.message = "Insufficient funds";
            } else {
                c.outcome = GatewayResult.Outcome.APPROVED.name();
                c.message = "Approved (sandbox)";
                c.answered = !TIMEOUT.equals(pm.behaviour);
            }
            return c;
        });
    }

    @Override
    public GatewayResult refund(GatewayRefund refund) {
        return refund(refund.chargeReference(), refund.amount(), refund.key());
    }

    /** Refunds part or all of a charge under a key. */
    public GatewayResult refund(String chargeReference, BigDecimal amount, String idempotencyKey) {
        return transact(idempotencyKey, m -> {
            SandboxMapper.Charge c = newCharge("refund", idempotencyKey, amount, "USD");
            c.originalRef = chargeReference;
            SandboxMapper.Charge original = chargeReference == null ? null : m.chargeByRef(chargeReference);
            if (original == null || !"charge".equals(original.kind)
                    || !GatewayResult.Outcome.APPROVED.name().equals(original.outcome)) {
                c.outcome = GatewayResult.Outcome.DECLINED.name();
                c.message = "No approved charge " + chargeReference + " to refund";
                return c;
            }
            c.currency = original.currency;
            BigDecimal left = original.amount.subtract(m.refunded(chargeReference));
            if (amount.compareTo(left) > 0) {
                c.outcome = GatewayResult.Outcome.DECLINED.name();
                c.message = "Refund exceeds the amount left on the charge (" + left.toPlainString() + ")";
            } else {
                c.outcome = GatewayResult.Outcome.APPROVED.name();
                c.message = "Refunded (sandbox)";
            }
            return c;
        });
    }

    private SandboxMapper.Charge newCharge(String kind, String key, BigDecimal amount, String currency) {
        SandboxMapper.Charge c = new SandboxMapper.Charge();
        c.ref = id(kind.equals("charge") ? "sbx_ch_" : "sbx_re_");
        c.kind = kind;
        c.idempotencyKey = key;
        c.amount = amount;
        c.currency = currency;
        c.answered = true;
        c.createdAt = clock.instant();
        return c;
    }

    @Override
    public Optional<GatewayResult> lookup(GatewayCharge charge) {
        return lookup(charge.key());
    }

    @Override
    public Optional<GatewayResult> lookup(GatewayRefund refund) {
        return lookup(refund.key());
    }

    /** What the sandbox answered under a key, if it saw it. */
    public Optional<GatewayResult> lookup(String idempotencyKey) {
        try (SqlSession s = db.session()) {
            SandboxMapper m = s.getMapper(SandboxMapper.class);
            SandboxMapper.Charge c = idempotencyKey == null ? null : m.chargeByKey(idempotencyKey);
            if (c == null) {
                return Optional.empty();
            }
            if (!c.answered) {
                m.markAnswered(c.ref);
                s.commit();
            }
            return Optional.of(answer(c));
        }
    }

    private interface Decision {
        SandboxMapper.Charge decide(SandboxMapper m);
    }

    /**
     * Answers a charge or refund once per idempotency key: a key seen before gives the stored answer (and nothing
     * moves again); a new one is decided, stored, and answered, unless the answer is "lost" (timeout).
     */
    private GatewayResult transact(String key, Decision decision) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return GatewayResult.error("The gateway requires an idempotency key of 1 to 200 characters");
        }
        boolean forceTimeout = timeouts.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        try (SqlSession s = db.session()) {
            SandboxMapper m = s.getMapper(SandboxMapper.class);
            SandboxMapper.Charge earlier = m.chargeByKey(key);
            if (earlier == null) {
                SandboxMapper.Charge c = decision.decide(m);
                if (forceTimeout) {
                    c.answered = false;
                }
                try {
                    m.insertCharge(c);
                    s.commit();
                } catch (PersistenceException e) {
                    s.rollback();
                    earlier = m.chargeByKey(key);
                    if (earlier == null) {
                        throw e;
                    }
                    return answer(earlier);
                }
                return c.answered ? answer(c) : GatewayResult.error(TIMED_OUT);
            }
            if (forceTimeout) {
                return GatewayResult.error(TIMED_OUT);
            }
            if (!earlier.answered) {
                m.markAnswered(earlier.ref);
                s.commit();
            }
            return answer(earlier);
        }
    }

    private static GatewayResult answer(SandboxMapper.Charge c) {
        return new GatewayResult(GatewayResult.Outcome.valueOf(c.outcome), c.ref, c.message);
    }
}
