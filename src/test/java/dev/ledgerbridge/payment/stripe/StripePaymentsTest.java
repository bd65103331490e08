package dev.ledgerbridge.payment.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.PaymentResult;
import dev.ledgerbridge.payment.Payments;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Payments through Stripe's official SDK against the stand-in: what a charge sends, how answers map to results, and
 * that no answer lost on the way (timeouts, 429, 5xx) ever charges twice.
 */
class StripePaymentsTest {
    static StripeWorld w;
    static Payments payments;

    @BeforeAll
    static void start() {
        w = new StripeWorld();
        payments = w.fx.app().payments;
    }

    @org.junit.jupiter.api.AfterEach
    void noFaultsLeft() {
        w.stripe.failNext("", 200, 0);
        w.stripe.slowNext(0, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        w.close();
    }

    private static ObjectNode paymentIntent(String key) {
        return w.stripe.paymentIntents().stream().filter(pi -> pi.path("metadata").path("ledgerbridge_key").asText()
                .equals("lb-" + w.fx.companyId + "-" + key)).findFirst().orElseThrow();
    }

    @Test
    void aCardIsSavedFromItsPaymentMethodIdOnTheCustomersStripeCustomer() {
        PaymentProfile p = w.card(w.fx.jones, StripeStandIn.VISA);

        assertThat(p.gateway()).isEqualTo("stripe");
        assertThat(p.label()).isEqualTo("Visa ending 4242, expires 12/2030");
        assertThat(p.fingerprint()).startsWith("fp");
        ObjectNode customer = w.stripe.customers().stream().filter(c -> c.path("metadata").path("quickbooks_list_id")
                .asText().equals(w.fx.jones.listId())).findFirst().orElseThrow();
        assertThat(customer.path("name").asText()).isEqualTo("Jones Ltd");
        assertThat(customer.path("email").asText()).isEqualTo("jones@example.com");
        assertThat(customer.path("metadata").path("ledgerbridge_company").asText())
                .isEqualTo(Long.toString(w.fx.companyId));
        assertThat(w.fx.rows("SELECT token, gateway_customer_id FROM payment_profile WHERE id = " + p.id()))
                .containsExactly(List.of(w.fx.rows("SELECT token FROM payment_profile WHERE id = " + p.id()).get(0)
                        .get(0), customer.path("id").asText()));
        // a second card uses the same Stripe customer
        w.card(w.fx.jones, StripeStandIn.INSUFFICIENT_FUNDS);
        assertThat(w.stripe.customers().stream().filter(c -> c.path("metadata").path("quickbooks_list_id").asText()
                .equals(w.fx.jones.listId()))).hasSize(1);
    }

    @Test
    void aPaymentMethodOfAnotherStripeCustomerIsRefused() {
        String other = w.stripe.customerWithCards("Someone Else", "else@example.com", StripeStandIn.VISA);
        String pm = w.stripe.paymentMethods(other).get(0);

        assertThatThrownBy(() -> w.fx.app().paymentProfiles.addHosted(w.fx.companyId, w.fx.smith.listId(),
                Map.of("paymentMethodId", pm), null, "clerk")).isInstanceOf(PaymentException.class)
                .hasMessageContaining("belongs to another Stripe customer");
        assertThatThrownBy(() -> w.fx.app().paymentProfiles.addHosted(w.fx.companyId, w.fx.smith.listId(),
                Map.of("number", StripeStandIn.VISA), null, "clerk")).isInstanceOf(PaymentException.class)
                .hasMessageContaining("paymentMethodId");
        assertThatThrownBy(() -> w.fx.app().paymentProfiles.add(w.fx.companyId, w.fx.smith.listId(),
                new dev.ledgerbridge.payment.CardDetails(StripeStandIn.VISA, 12, 2030, null, null), "clerk"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("never sent to Ledgerbridge");
    }

    @Test
    void anApprovedChargeIsAConfirmedPaymentIntentInMinorUnitsUnderTheAttemptsKey() {
        PaymentProfile visa = w.card(w.fx.smith, StripeStandIn.VISA);

        PaymentResult r = payments.charge(w.pay(visa, "s-approve", "manual", w.fx.partlyPaid.txnId(), "12.34"));

        assertThat(r.result()).isEqualTo("Approved");
        ObjectNode pi = paymentIntent("s-approve");
        assertThat(pi.path("amount").asLong()).isEqualTo(1234);
        assertThat(pi.path("currency").asText()).isEqualTo("usd");
        assertThat(pi.path("status").asText()).isEqualTo("succeeded");
        assertThat(pi.path("metadata").path("ledgerbridge_customer").asText()).isEqualTo(w.fx.smith.listId());
        assertThat(pi.path("metadata").path("ledgerbridge_invoices").asText()).isEqualTo(w.fx.partlyPaid.txnId());
        assertThat(pi.path("metadata").path("ledgerbridge_payment").asText()).isEqualTo(Long.toString(r.id()));
        assertThat(w.stripe.requests()).contains("POST /v1/payment_intents lb-" + w.fx.companyId + "-s-approve");
        assertThat(w.fx.rows("SELECT gateway, gateway_ref FROM payment_txn WHERE id = " + r.id()))
                .containsExactly(List.of("stripe", pi.path("id").asText()));
        assertThat(w.fx.count("SELECT COUNT(*) FROM payment_txn WHERE post_action_id IS NOT NULL AND id = "
                + r.id())).isEqualTo(1);
    }

    @Test
    void unattendedChargesAreSentOffSession() {
        PaymentProfile visa = w.card(w.fx.smith, StripeStandIn.VISA);

        payments.charge(w.pay(visa, "s-auto", "auto", w.fx.partlyPaid.txnId(), "1.00"));
        payments.charge(w.pay(visa, "s-manual", "manual", w.fx.partlyPaid.txnId(), "1.00"));

        assertThat(w.stripe.offSession("lb-" + w.fx.companyId + "-s-auto")).isTrue();
        assertThat(w.stripe.offSession("lb-" + w.fx.companyId + "-s-manual")).isFalse();
    }

    @Test
    void declinesCarryStripesCodeAndASentenceAClerkUnderstands() {
        PaymentResult generic = payments.charge(w.pay(w.card(w.fx.smith, StripeStandIn.DECLINED), "s-d1", "manual",
                w.fx.partlyPaid.txnId(), "1.00"));
        PaymentResult poor = payments.charge(w.pay(w.card(w.fx.smith, StripeStandIn.INSUFFICIENT_FUNDS), "s-d2",
                "manual", w.fx.partlyPaid.txnId(), "1.00"));
        PaymentResult expired = payments.charge(w.pay(w.card(w.fx.smith, StripeStandIn.EXPIRED), "s-d3", "manual",
                w.fx.partlyPaid.txnId(), "1.00"));

        assertThat(List.of(generic.result(), poor.result(), expired.result())).containsOnly("Declined");
        assertThat(generic.message()).isEqualTo("Declined (generic_decline): the bank declined the card without"
                + " saying why: the customer should call the bank or use another card.");
        assertThat(poor.message()).isEqualTo("Declined (insufficient_funds): the card has insufficient funds.");
        assertThat(expired.message()).isEqualTo("Declined (expired_card): the card has expired: ask the customer for a"
                + " new one.");
        assertThat(w.fx.count("SELECT COUNT(*) FROM payment_txn WHERE post_action_id IS NOT NULL AND id IN ("
                + generic.id() + "," + poor.id() + "," + expired.id() + ")")).isZero();
    }

    @Test
    void aCardThatNeedsAuthenticationIsDeclinedWithWhatToDo() {
        PaymentProfile card = w.card(w.fx.smith, StripeStandIn.ALWAYS_AUTHENTICATE);

        PaymentResult auto = payments.charge(w.pay(card, "s-auth-auto", "auto", w.fx.partlyPaid.txnId(), "1.00"));
        PaymentResult manual = payments.charge(w.pay(card, "s-auth-man", "manual", w.fx.partlyPaid.txnId(), "1.00"));

        for (PaymentResult r : List.of(auto, manual)) {
            assertThat(r.result()).isEqualTo("Declined");
            assertThat(r.message()).isEqualTo("Declined (authentication_required): the customer must confirm this"
                    + " card: send a card-information request.");
        }
        // the one left waiting for the customer is cancelled, so it can never be completed by surprise
        assertThat(paymentIntent("s-auth-man").path("status").asText()).isEqualTo("canceled");
        assertThat(w.stripe.charges()).isEqualTo(w.stripe.paymentIntents().stream()
                .filter(pi -> pi.path("status").asText().equals("succeeded")).count());
    }

    @Test
    void anAnswerLostAfterStripeChargedIsSettledByAskingStripeAndChargedOnce() {
        PaymentProfile visa = w.card(w.fx.smith, StripeStandIn.VISA);
        long before = w.stripe.charges();
        w.stripe.slowNext(3, 1300); // the first try and the SDK's two retries all answer too late

        PaymentResult lost = payments.charge(w.pay(visa, "s-lost", "manual", w.fx.partlyPaid.txnId(), "5.00"));

        assertThat(lost.result()).isEqualTo("Error");
        assertThat(w.stripe.count("POST", "/v1/payment_intents", "lb-" + w.fx.companyId + "-s-lost")).isEqualTo(3);
        assertThat(w.stripe.charges()).isEqualTo(before + 1);

        PaymentResult settled = payments.retry(w.fx.companyId, lost.id());

        assertThat(settled.result()).isEqualTo("Approved");
        assertThat(w.stripe.charges()).isEqualTo(before + 1);
        // found by asking Stripe (its list of the customer's PaymentIntents), not by sending the charge again
        assertThat(w.stripe.count("POST", "/v1/payment_intents", "lb-" + w.fx.companyId + "-s-lost")).isEqualTo(3);
        assertThat(w.fx.rows("SELECT gateway_ref FROM payment_txn WHERE id = " + lost.id()))
                .containsExactly(List.of(paymentIntent("s-lost").path("id").asText()));
    }

    @Test
    void theSdksRetryAfterATimeoutGetsTheSamePaymentIntentUnderTheSameKey() {
        PaymentProfile visa = w.card(w.fx.smith, StripeStandIn.VISA);
        long before = w.stripe.charges();
        w.stripe.slowNext(1, 1300);

        PaymentResult r = payments.charge(w.pay(visa, "s-slow", "manual", w.fx.partlyPaid.txnId(), "6.00"));

        assertThat(r.result()).isEqualTo("Approved");
        assertThat(w.stripe.count("POST", "/v1/payment_intents", "lb-" + w.fx.companyId + "-s-slow")).isEqualTo(2);
        assertThat(w.stripe.charges()).isEqualTo(before + 1);
    }

    @Test
    void tooManyRequestsAndServerErrorsAreRetriedABoundedNumberOfTimes() {
        PaymentProfile visa = w.card(w.fx.smith, StripeStandIn.VISA);

        w.stripe.failNext("/v1/payment_intents", 429, 2);
        assertThat(payments.charge(w.pay(visa, "s-429", "manual", w.fx.partlyPaid.txnId(), "1.00")).result())
                .isEqualTo("Approved");
        assertThat(w.stripe.count("POST", "/v1/payment_intents", "lb-" + w.fx.companyId + "-s-429")).isEqualTo(3);

        w.stripe.failNext("/v1/payment_intents", 503, 2);
        assertThat(payments.charge(w.pay(visa, "s-503", "manual", w.fx.partlyPaid.txnId(), "1.00")).result())
                .isEqualTo("Approved");
        assertThat(w.stripe.count("POST", "/v1/payment_intents", "lb-" + w.fx.companyId + "-s-503")).isEqualTo(3);

        w.stripe.failNext("/v1/payment_intents", 429, 100);
        PaymentResult busy = payments.charge(w.pay(visa, "s-busy", "manual", w.fx.partlyPaid.txnId(), "1.00"));
        assertThat(busy.result()).isEqualTo("Error");
        assertThat(busy.message()).contains("too many requests");
        assertThat(w.stripe.count("POST", "/v1/payment_intents", "lb-" + w.fx.companyId + "-s-busy")).isEqualTo(3);

        w.stripe.failNext("/v1/payment_intents", 500, 100);
        PaymentResult down = payments.charge(w.pay(visa, "s-500", "manual", w.fx.partlyPaid.txnId(), "1.00"));
        assertThat(down.result()).isEqualTo("Error");
        assertThat(w.stripe.count("POST", "/v1/payment_intents", "lb-" + w.fx.companyId + "-s-500")).isEqualTo(3);
        w.stripe.failNext("/v1/payment_intents", 500, 0);

        // asked again once Stripe is back: nothing was charged under the key, so it is sent (once)
        assertThat(payments.retry(w.fx.companyId, down.id()).result()).isEqualTo("Approved");
        assertThat(w.stripe.paymentIntents().stream().filter(pi -> pi.path("metadata").path("ledgerbridge_key")
                .asText().equals("lb-" + w.fx.companyId + "-s-500"))).hasSize(1);
    }

    @Test
    void aChargeStripeHasNotDecidedIsHeldNotPostedAndAskedAboutUntilItIs() {
        PaymentProfile visa = w.card(w.fx.smith, StripeStandIn.VISA);
        w.stripe.processNext();
        BigDecimal open = payments.effectiveBalance(w.fx.companyId, w.fx.partlyPaid.txnId()).orElseThrow();

        PaymentResult held = payments.charge(w.pay(visa, "s-held", "manual", w.fx.partlyPaid.txnId(), "3.00"));
        PaymentResult still = payments.retry(w.fx.companyId, held.id());
        payments.resumeStale(); // held only a moment: not asked about yet

        assertThat(held.result()).isEqualTo("Held");
        assertThat(still.result()).isEqualTo("Held");
        assertThat(w.fx.count("SELECT COUNT(*) FROM payment_txn WHERE post_action_id IS NOT NULL AND id = "
                + held.id())).isZero();
        // what it holds counts against the invoice meanwhile, so it is not charged twice
        assertThat(payments.effectiveBalance(w.fx.companyId, w.fx.partlyPaid.txnId()).orElseThrow())
                .isEqualByComparingTo(open.subtract(new BigDecimal("3.00")));

        w.stripe.succeed(paymentIntent("s-held").get("id").asText());
        // the sweep of attempts left undecided asks about it once it has been held a while
        w.fx.execute("UPDATE payment_txn SET updated_at = updated_at - INTERVAL 3 MINUTE WHERE id = " + held.id());
        payments.resumeStale();

        assertThat(payments.find(w.fx.companyId, held.id()).orElseThrow().result()).isEqualTo("Approved");
        assertThat(w.fx.count("SELECT COUNT(*) FROM payment_txn WHERE post_action_id IS NOT NULL AND id = "
                + held.id())).isEqualTo(1);
        assertThat(w.stripe.count("POST", "/v1/payment_intents", "lb-" + w.fx.companyId + "-s-held")).isEqualTo(1);
    }

    @Test
    void refundsInFullOrInPartAreIdempotent() {
        PaymentProfile visa = w.card(w.fx.smith, StripeStandIn.VISA);
        PaymentResult paid = payments.charge(w.pay(visa, "s-refund", "manual", w.fx.partlyPaid.txnId(), "20.00"));
        w.fx.execute("UPDATE action_request SET state = 'done', updated_at = UTC_TIMESTAMP() WHERE kind ="
                + " 'post-payment'");
        String pi = paymentIntent("s-refund").path("id").asText();

        PaymentResult part = payments.refund(w.fx.companyId, paid.id(), new BigDecimal("7.50"), "s-r1", "boss");
        PaymentResult again = payments.refund(w.fx.companyId, paid.id(), new BigDecimal("7.50"), "s-r1", "boss");
        PaymentResult rest = payments.refund(w.fx.companyId, paid.id(), null, "s-r2", "boss");

        assertThat(List.of(part.result(), again.result(), rest.result())).containsOnly("Approved");
        assertThat(again.id()).isEqualTo(part.id());
        assertThat(w.stripe.refunds().stream().filter(r -> r.path("payment_intent").asText().equals(pi))
                .map(r -> r.path("amount").asLong())).containsExactly(750L, 1250L);
        assertThat(w.stripe.count("POST", "/v1/refunds", "lb-" + w.fx.companyId + "-s-r1")).isEqualTo(1);
    }
}
