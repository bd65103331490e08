package dev.ledgerbridge.payment;

import dev.ledgerbridge.payment.sandbox.SandboxGateway;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Payment profiles on real MariaDB: added at the sandbox gateway, default, auto processing, removal. */
class PaymentProfilesTest {
    static PaymentFixture fx;
    static PaymentProfiles profiles;

    @BeforeAll
    static void start() {
        fx = new PaymentFixture();
        profiles = fx.app().paymentProfiles;
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void theFirstProfileIsTheDefaultAndOnlyTokenBrandLast4AndExpiryAreKept() {
        PaymentProfile first = profiles.add(fx.companyId, fx.jones.listId(),
                new CardDetails("4111 1111 1111 1111", 7, 2031, "Ann Jones", "12345"), "clerk");
        PaymentProfile second = profiles.add(fx.companyId, fx.jones.listId(),
                new CardDetails("5555555555554444", 1, 2032, null, null), "clerk");

        assertThat(first.isDefault()).isTrue();
        assertThat(second.isDefault()).isFalse();
        assertThat(first.brand()).isEqualTo("Visa");
        assertThat(second.brand()).isEqualTo("Mastercard");
        assertThat(first.label()).isEqualTo("Visa ending 1111, expires 07/2031");
        assertThat(first.autoEnabled()).isTrue();
        assertThat(fx.rows("SELECT token LIKE 'sbx_pm_%', last4, exp_month, exp_year, name_on_card,"
                + " gateway_customer_id LIKE 'sbx_cus_%' FROM payment_profile WHERE id = " + first.id()))
                .containsExactly(List.of("1", "1111", "7", "2031", "Ann Jones", "1"));
        // one customer profile at the gateway for the customer, both cards saved under it
        assertThat(fx.count("SELECT COUNT(DISTINCT gateway_customer_id) FROM payment_profile WHERE customer_list_id = '"
                + fx.jones.listId() + "'")).isEqualTo(1);
        assertThat(profiles.list(fx.companyId, fx.jones.listId())).extracting(PaymentProfile::id)
                .containsExactly(first.id(), second.id());

        profiles.setDefault(fx.companyId, fx.jones.listId(), second.id(), "clerk");
        assertThat(profiles.list(fx.companyId, fx.jones.listId())).extracting(PaymentProfile::id, PaymentProfile::isDefault)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(second.id(), true),
                        org.assertj.core.groups.Tuple.tuple(first.id(), false));

        profiles.setAutoEnabled(fx.companyId, fx.jones.listId(), first.id(), false, "clerk");
        assertThat(profiles.find(fx.companyId, first.id()).orElseThrow().autoEnabled()).isFalse();
        profiles.setAutoEnabled(fx.companyId, fx.jones.listId(), first.id(), true, "clerk");
        assertThat(profiles.find(fx.companyId, first.id()).orElseThrow().autoEnabled()).isTrue();

        String token = fx.rows("SELECT token FROM payment_profile WHERE id = " + second.id()).get(0).get(0);
        profiles.remove(fx.companyId, fx.jones.listId(), second.id(), "clerk");
        assertThat(profiles.list(fx.companyId, fx.jones.listId())).extracting(PaymentProfile::id, PaymentProfile::isDefault)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(first.id(), true));
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_method WHERE token = '" + token
                + "' AND deleted_at IS NOT NULL")).as("deleted at the gateway").isEqualTo(1);
        assertThatThrownBy(() -> profiles.setDefault(fx.companyId, fx.jones.listId(), second.id(), "clerk"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("no payment profile");
    }

    @Test
    void invalidExpiredOrRefusedCardsAreRefusedWithAMessage() {
        assertThatThrownBy(() -> profiles.add(fx.companyId, fx.smith.listId(),
                new CardDetails("4111111111111112", 12, 2030, null, null), "clerk"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("not valid");
        assertThatThrownBy(() -> profiles.add(fx.companyId, fx.smith.listId(),
                new CardDetails("4111111111111111", 1, 2020, null, null), "clerk"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("expired in 01/2020");
        assertThatThrownBy(() -> profiles.add(fx.companyId, fx.smith.listId(),
                new CardDetails("41111", 12, 2030, null, null), "clerk"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("12 to 19 digits");
        assertThatThrownBy(() -> profiles.add(fx.companyId, fx.smith.listId(),
                new CardDetails(SandboxGateway.REFUSED_CARD, 12, 2030, null, null), "clerk"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("refused");
        assertThatThrownBy(() -> profiles.add(fx.companyId, "NO-SUCH",
                new CardDetails("4111111111111111", 12, 2030, null, null), "clerk"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("no customer");
        assertThat(profiles.list(fx.companyId, fx.smith.listId())).isEmpty();
    }

    @Test
    void cardDetailsNeverPrintTheNumber() {
        CardDetails c = new CardDetails("4111111111111111", 12, 2030, "Pat", null);
        assertThat(c.toString()).doesNotContain("4111111111111111").contains("****1111");
    }

    @Test
    void everySandboxTestCardPassesTheLuhnCheck() {
        for (String n : List.of(SandboxGateway.APPROVE_CARD, SandboxGateway.DECLINE_CARD,
                SandboxGateway.INSUFFICIENT_FUNDS_CARD, SandboxGateway.TIMEOUT_CARD, SandboxGateway.REFUSED_CARD,
                "5555555555554444")) {
            assertThat(CardDetails.luhn(n)).as(n).isTrue();
        }
    }

    @Test
    void settingsKeepOnlyAReferenceToTheCredentials() {
        PaymentSettingsService s = fx.app().paymentSettings;
        assertThat(s.get(fx.companyId)).isEqualTo(PaymentSettings.defaults(fx.companyId, "sandbox"));
        PaymentSettings saved = s.save(fx.companyId, "sandbox", "env:LEDGERBRIDGE_GATEWAY_TEST_KEY", "eur", "Visa",
                "Checking", "boss");
        assertThat(saved.currency()).isEqualTo("EUR");
        assertThat(saved.credentialsRef()).isEqualTo("env:LEDGERBRIDGE_GATEWAY_TEST_KEY");
        assertThatThrownBy(() -> s.save(fx.companyId, "sandbox", "sk_live_abc123", "USD", "Visa", null, "boss"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("env:VARIABLE");
        assertThatThrownBy(() -> s.save(fx.companyId, "sandbox", "env:DB_PASSWORD", "USD", "Visa", null, "boss"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("LEDGERBRIDGE_GATEWAY_");
        assertThatThrownBy(() -> s.save(fx.companyId, "acme-pay", null, "USD", "Visa", null, "boss"))
                .hasMessageContaining("gateway must be one of");
        assertThatThrownBy(() -> s.save(fx.companyId, "stripe", null, "USD", "Visa", null, "boss"))
                .hasMessageContaining("Stripe needs the publishable key");
        assertThatThrownBy(() -> s.save(fx.companyId, "sandbox", null, "US", "Visa", null, "boss"))
                .hasMessageContaining("three-letter");
        s.save(fx.companyId, "sandbox", null, "USD", "Credit Card", null, "boss");
    }
}
