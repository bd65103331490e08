package dev.ledgerbridge.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which gateway a company's settings name, and credentials read only from where the settings point. */
class PaymentGatewaysTest {
    final PaymentGateways gateways = new PaymentGateways(null, Clock.systemUTC(),
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
        assertThat(gateways.forSettings(PaymentSettings.defaults(1))).isSameAs(gateways.sandbox());
        assertThatThrownBy(() -> gateways.forSettings(new PaymentSettings(1, "acme-pay", null, "USD", "Visa", null,
                null, null))).isInstanceOf(PaymentException.class).hasMessageContaining("Unknown payment gateway");
        assertThat(gateways.labels()).containsEntry("sandbox", "Sandbox - no real money");
    }
}
