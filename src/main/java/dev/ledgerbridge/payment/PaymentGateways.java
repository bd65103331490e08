package dev.ledgerbridge.payment;

import dev.ledgerbridge.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The gateways this server knows and the credentials each company's settings refer to. Credentials are read from
 * where the settings point ({@code env:VARIABLE}) when a gateway needs them, and are never stored or logged.
 */
public final class PaymentGateways {
    public static final List<String> NAMES = List.of(SandboxGateway.NAME);
    /**
     * Only variables named LEDGERBRIDGE_GATEWAY_*: the settings page says whether the variable is set, and a gateway
     * sends its value, so a reference to any other variable of the server (a database password) is refused.
     */
    static final Pattern CREDENTIALS_REF = Pattern.compile("env:LEDGERBRIDGE_GATEWAY_[A-Za-z0-9_]{1,80}");

    private final SandboxGateway sandbox;
    private final Function<String, String> environment;

    public PaymentGateways(Database db, Clock clock) {
        this(db, clock, System::getenv);
    }

    PaymentGateways(Database db, Clock clock, Function<String, String> environment) {
        this.sandbox = new SandboxGateway(db, clock);
        this.environment = environment;
    }

    /** The built-in sandbox gateway (tests tell it to time out). */
    public SandboxGateway sandbox() {
        return sandbox;
    }

    /** The gateway a company's payments go through. */
    public PaymentGateway forSettings(PaymentSettings settings) {
        if (SandboxGateway.NAME.equals(settings.gateway())) {
            return sandbox;
        }
        throw new PaymentException("Unknown payment gateway '" + settings.gateway() + "'; an admin can choose one"
                + " under the company's payment settings.");
    }

    /** Labels of the known gateways, for the settings page. */
    public Map<String, String> labels() {
        return Map.of(SandboxGateway.NAME, SandboxGateway.LABEL);
    }

    /** Whether the credentials reference resolves to a value (the value itself is never returned). */
    public boolean credentialsPresent(String ref) {
        if (ref == null || !CREDENTIALS_REF.matcher(ref).matches()) {
            return false;
        }
        String v = environment.apply(ref.substring(4));
        return v != null && !v.isBlank();
    }
}
