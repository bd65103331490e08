package dev.ledgerbridge.payment.sandbox;

import dev.ledgerbridge.db.Database;
import dev.ledgerbridge.payment.GatewayProvider;
import dev.ledgerbridge.payment.PaymentGateway;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The built-in sandbox as a provider: no credentials, one gateway for every company. */
public final class SandboxProvider implements GatewayProvider {
    private final SandboxGateway gateway;

    public SandboxProvider(Database db, Clock clock) {
        this.gateway = new SandboxGateway(db, clock);
    }

    /** The one sandbox gateway (tests tell it to time out). */
    public SandboxGateway gateway() {
        return gateway;
    }

    @Override
    public String name() {
        return SandboxGateway.NAME;
    }

    @Override
    public String label() {
        return SandboxGateway.LABEL;
    }

    @Override
    public List<CredentialField> fields() {
        return List.of();
    }

    @Override
    public void check(Map<String, String> credentials) {
        // nothing to check: the sandbox needs no account
    }

    @Override
    public PaymentGateway open(Map<String, String> credentials) {
        return gateway;
    }
}
