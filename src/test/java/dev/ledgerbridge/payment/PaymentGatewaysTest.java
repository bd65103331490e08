package dev.ledgerbridge.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.payment.sandbox.SandboxProvider;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which gateway a company's settings name, and credentials read only from where the settings point. */
class PaymentGatewaysTest {
    final SandboxProvider sandbox = new SandboxProvider(null, Clock.systemUTC());
    final PaymentGateways gateways = new PaymentGateways(null, null, Clock.systemUTC(), List.of(sandbox),
            Map.of("LEDGERBRIDGE_GATEWAY_KEY", "sk_test_secret", "LEDGERBRIDGE_GATEWAY_EMPTY", " ",
                    "LB_OTHER", "db password")::get);

    @Test
    void credentialsAreFoundThroughTheirEnvironmentReferenceOnly() {
        assertThat(gateways.credentialsPresent("env:LEDGERBRIDGE_GATEWAY_KEY")).isTrue();
        assertThat(gateways.credentialsPresent("env:LEDGERBRIDGE_GATEWAY_EMPTY")).isFalse();
        assertThat(gateways.credentialsPresent("env:LEDGERBRIDGE_GATEWAY_MISSING")).isFalse();
        assertThat(gateways.credentialsPresent("sk_test_secret")).isFalse();
        assertThat(gateways.credentialsPresent("env:LB_OTHER")).as("only LEDGERBRIDGE_GATEWAY_* variables").isFalse();
        assertThat(gateways.credentialsPresent(null)).isFalse();
    }

    @Test
    void theSandboxIsTheGatewayOfSandboxSettingsAndOthersAreRefused() {
        assertThat(gateways.forSettings(PaymentSettings.defaults(1, "sandbox"))).isSameAs(sandbox.gateway());
        assertThatThrownBy(() -> gateways.forSettings(new PaymentSettings(1, "acme-pay", null, "USD", "Visa", null,
                null, null))).isInstanceOf(PaymentException.class).hasMessageContaining("Unknown payment gateway");
        assertThat(gateways.labels()).containsEntry("sandbox", "Sandbox - no real money");
        assertThat(gateways.names()).containsExactly("sandbox");
    }

    @Test
    void theDefaultAccountIsReadFromOneVariablePerField() {
        assertThat(PaymentGateways.defaultVariable("stripe", "secretKey"))
                .isEqualTo("LEDGERBRIDGE_GATEWAY_STRIPE_SECRET_KEY");
        assertThat(PaymentGateways.defaultVariable("stripe", "publishableKey"))
                .isEqualTo("LEDGERBRIDGE_GATEWAY_STRIPE_PUBLISHABLE_KEY");
        assertThat(PaymentGateways.defaultVariable("authorizenet", "apiLoginId"))
                .isEqualTo("LEDGERBRIDGE_GATEWAY_AUTHORIZENET_API_LOGIN_ID");
    }
}
