package dev.ledgerbridge.payment;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook events of a company's gateway. In: the raw request (body and headers), verified by the gateway's adapter.
 * Out: each event stored once under its id (a replay changes nothing), charges whose answer was lost or held settled
 * as the gateway says ({@link Payments#settle}), and refunds and disputes shown in the customer's history. Webhooks are
 * optional: attempts are also settled by asking the gateway ({@link Payments#retry}, the stale-attempt sweeper).
 */
public final class PaymentEvents {
    private static final Logger log = LoggerFactory.getLogger(PaymentEvents.class);
    private final Database db;
    private final PaymentGateways gateways;
    private final Payments payments;
    private final Clock clock;

    public PaymentEvents(Database db, PaymentGateways gateways, Payments payments, Clock clock) {
        this.db = db;
        this.gateways = gateways;
        this.payments = payments;
        this.clock = clock;
    }

    /**
     * Verifies and applies one webhook request for a company's account at a gateway. Returns false for an event
     * received before (nothing changes); throws {@link WebhookRejected} when the request is not the gateway's
     * (nothing is stored), PaymentException for an unknown gateway.
     */
    public boolean receive(long companyId, String gatewayName, String payload, Function<String, String> headers) {
        PaymentGateway gateway = gateways.forCompany(companyId, gatewayName);
        GatewayEvent e = gateway.verifyWebhook(payload, headers);
        try (SqlSession s = db.session()) {
            if (s.getMapper(GatewayMapper.class).eventExists(companyId, gateway.name(), e.id()) > 0) {
                log.info("{} event {} of company {} received again: ignored", gateway.name(), e.id(), companyId);
                return false;
            }
        }
        Optional<Long> payment = payments.settle(companyId, gateway, e);
        GatewayMapper.EventRow row = new GatewayMapper.EventRow();
        row.companyId = companyId;
        row.gateway = gateway.name();
        row.eventId = e.id();
        row.type = cut(e.type(), 100);
        row.kind = e.kind().name();
        row.paymentId = payment.orElse(null);
        row.amount = e.amount();
        row.currency = e.currency();
        row.summary = cut(e.summary(), 1000);
        row.receivedAt = clock.instant();
        return db.transaction(s -> {
            if (e.kind() == GatewayEvent.Kind.REFUNDED || e.kind() == GatewayEvent.Kind.DISPUTED) {
                row.customerListId = payment.map(id -> payments.find(companyId, id).map(PaymentRecord::customerListId)
                        .orElse(null)).orElseGet(() -> e.customerProfileId() == null ? null
                        : s.getMapper(GatewayMapper.class).customerOfGatewayCustomer(companyId, gateway.name(),
                        e.customerProfileId()));
            }
            int stored = s.getMapper(GatewayMapper.class).insertEvent(row);
            s.commit();
            log.info("{} event {} ({}) of company {}{}", gateway.name(), e.id(), e.type(), companyId,
                    stored == 0 ? ": received twice at once, kept once" : payment.map(id -> " for payment " + id)
                            .orElse(""));
            return stored == 1;
        });
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
