package dev.ledgerbridge.payment.authorizenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.payment.CustomerRef;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentGateway;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provider's settings and credential checks, and the validation mode, against the stand-in without a server. */
class AuthorizeNetProviderTest {
    static AuthorizeNetStandIn anet;

    @BeforeAll
    static void start() {
        anet = new AuthorizeNetStandIn();
    }

    @AfterAll
    static void stop() {
        anet.close();
    }

    static Map<String, String> keys() {
        return Map.of("apiLoginId", AuthorizeNetStandIn.LOGIN, "clientKey", AuthorizeNetStandIn.CLIENT_KEY,
                "transactionKey", AuthorizeNetStandIn.TRANSACTION_KEY);
    }

    static AuthorizeNetProvider provider(String validationMode) {
        return new AuthorizeNetProvider(anet.baseUrl(), anet.acceptJsUrl(), validationMode, Duration.ofSeconds(10));
    }

    @Test
    void settingsThatCannotWorkStopTheServerAtStartSayingWhatToSet() {
        assertThatThrownBy(() -> new AuthorizeNetProvider("ftp://example.com", "", "testMode", Duration.ofSeconds(5)))
                .hasMessageContaining("authorizenet.api.url");
        assertThatThrownBy(() -> new AuthorizeNetProvider("", "js.example.com", "testMode", Duration.ofSeconds(5)))
                .hasMessageContaining("authorizenet.accept.js.url");
        assertThatThrownBy(() -> new AuthorizeNetProvider("", "", "strict", Duration.ofSeconds(5)))
                .hasMessageContaining("testMode, liveMode or none");
        // the SDK's own HTTP timeouts are bounded (it reads them as seconds; unset it would wait 30,000)
        assertThat(Integer.parseInt(System.getProperty("http.ReadTimeout"))).isBetween(10, 1200);
    }

    @Test
    void keysOfTheWrongShapeAreRefusedBeforeAnythingIsSentAndTheModeDecidesTheEndpoints() {
        AuthorizeNetProvider p = new AuthorizeNetProvider("", "", "testMode", Duration.ofSeconds(5));

        assertThatThrownBy(() -> p.check(Map.of("transactionKey", "short"))).isInstanceOf(PaymentException.class)
                .hasMessageContaining("16 letters and digits");
        assertThatThrownBy(() -> p.check(Map.of("signatureKey", "not hex"))).hasMessageContaining("hexadecimal");
        assertThatThrownBy(() -> p.open(Map.of("apiLoginId", "x"))).hasMessageContaining("not connected");
        PaymentGateway production = p.open(Map.of("apiLoginId", "abc", "clientKey", "c".repeat(30), "transactionKey",
                "a".repeat(16), "mode", "production"));
        PaymentGateway sandbox = p.open(Map.of("apiLoginId", "abc", "clientKey", "c".repeat(30), "transactionKey",
                "a".repeat(16)));
        assertThat(production.testLabel()).isNull();
        assertThat(production.hostedFields("1").scriptUrl()).isEqualTo("https://js.authorize.net/v1/Accept.js");
        assertThat(production.hostedFields("1").connectOrigins()).containsExactly("https://api2.authorize.net");
        assertThat(sandbox.testLabel()).isEqualTo("Authorize.Net sandbox");
        assertThat(sandbox.hostedFields("1").scriptUrl()).isEqualTo("https://jstest.authorize.net/v1/Accept.js");
        assertThat(sandbox.account()).isNotEqualTo(production.account());
    }

    @Test
    void inLiveModeACardTheBankDeclinesIsNotSavedAndInTestModeItIs() {
        PaymentGateway live = provider("liveMode").open(keys());
        PaymentGateway test = provider("testMode").open(keys());
        String profile = live.customerProfile(new CustomerRef(1, "Acme", "80000009-1", "Kim Lee", "kim@example.com"));

        assertThatThrownBy(() -> live.saveHosted(profile, anet.opaqueData(AuthorizeNetStandIn.DECLINED, 1, 2030)))
                .isInstanceOf(PaymentException.class).hasMessageContaining("This transaction has been declined.");
        assertThat(anet.paymentProfilesOf(profile)).isEmpty();
        assertThat(test.saveHosted(profile, anet.opaqueData(AuthorizeNetStandIn.DECLINED, 1, 2030)).last4())
                .isEqualTo("0002");
        // the same customer made again is the one Authorize.Net already has under the ListID
        assertThat(test.customerProfile(new CustomerRef(1, "Acme", "80000009-1", "Kim Lee", null))).isEqualTo(profile);
    }
}
