package dev.ledgerbridge.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.GatewayCurrencies;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.PaymentResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A Stripe account charges only in the currencies Stripe lists for its country; an invoice in another is Skipped. */
class StripeCurrenciesTest {
    StripeWorld w;

    @BeforeEach
    void start() {
        w = new StripeWorld(Map.of());
    }

    @AfterEach
    void stop() {
        w.close();
    }

    @Test
    void anInvoiceInACurrencyTheAccountDoesNotTakeIsSkippedWithTheReasonAndNothingReachesStripe() {
        // given a Canadian Stripe account that charges in CAD only, and a company whose invoices are in USD
        w.stripe.setAccount("CA", "cad", List.of("cad"));
        PaymentProfile p = w.card(w.fx.smith, StripeStandIn.VISA);

        // when the USD invoice is charged, twice under two keys
        PaymentResult first = w.fx.app().payments.charge(w.pay(p, "cur-1", "manual", w.fx.open.txnId(), "80.00"));
        PaymentResult second = w.fx.app().payments.charge(w.pay(p, "cur-2", "manual", w.fx.open.txnId(), "10.00"));

        // then both are Skipped saying why, no PaymentIntent was made, and Stripe was asked about the account once
        assertThat(first.result()).isEqualTo(PaymentResult.SKIPPED);
        assertThat(first.message()).contains("Stripe account does not take USD (it takes CAD)");
        assertThat(second.result()).isEqualTo(PaymentResult.SKIPPED);
        assertThat(w.stripe.paymentIntents()).isEmpty();
        assertThat(w.stripe.requests()).filteredOn(r -> r.startsWith("GET /v1/account ")).hasSize(1);
        assertThat(w.stripe.requests()).filteredOn(r -> r.startsWith("GET /v1/country_specs/CA ")).hasSize(1);
        assertThat(w.fx.app().paymentSettings.gatewayCurrencies(w.fx.companyId, "stripe"))
                .isEqualTo(GatewayCurrencies.of("CAD"));
    }
}
