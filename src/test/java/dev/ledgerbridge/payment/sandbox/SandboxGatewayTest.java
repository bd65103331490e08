package dev.ledgerbridge.payment.sandbox;

import dev.ledgerbridge.payment.CardDetails;
import dev.ledgerbridge.payment.GatewayResult;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox gateway on its own, on real MariaDB: deterministic by test card, idempotent, able to time out. */
class SandboxGatewayTest {
    static PaymentFixture fx;
    static SandboxGateway gw;
    static String customer;

    @BeforeAll
    static void start() {
        fx = new PaymentFixture();
        gw = fx.app().sandbox;
        customer = gw.customerProfile("test:1");
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    static String token(String number) {
        return gw.tokenize(customer, new CardDetails(number, 12, 2030, null, null)).token();
    }

    static final BigDecimal TEN = new BigDecimal("10.00");

    @Test
    void oneCustomerProfilePerReference() {
        assertThat(gw.customerProfile("test:1")).isEqualTo(customer);
        assertThat(gw.customerProfile("test:2")).isNotEqualTo(customer).startsWith("sbx_cus_");
        assertThat(gw.label()).isEqualTo("Sandbox - no real money");
        assertThat(gw.isSandbox()).isTrue();
    }

    @Test
    void answersByTestCardAndRepeatsTheFirstAnswerForAKey() {
        String visa = token(SandboxGateway.APPROVE_CARD);
        GatewayResult ok = gw.charge(visa, TEN, "USD", "g-1");
        assertThat(ok.outcome()).isEqualTo(GatewayResult.Outcome.APPROVED);
        assertThat(ok.reference()).startsWith("sbx_ch_");
        assertThat(gw.charge(visa, new BigDecimal("99.00"), "USD", "g-1")).isEqualTo(ok);

        assertThat(gw.charge(token(SandboxGateway.DECLINE_CARD), TEN, "USD", "g-2"))
                .extracting(GatewayResult::outcome, GatewayResult::message)
                .containsExactly(GatewayResult.Outcome.DECLINED, "Card declined");
        assertThat(gw.charge(token(SandboxGateway.INSUFFICIENT_FUNDS_CARD), TEN, "USD", "g-3").message())
                .isEqualTo("Insufficient funds");
        assertThatThrownBy(() -> token(SandboxGateway.REFUSED_CARD)).isInstanceOf(PaymentException.class);
    }

    @Test
    void theTimeoutCardChargesOnceAndTellsOnlyTheRetry() {
        String slow = token(SandboxGateway.TIMEOUT_CARD);
        GatewayResult lost = gw.charge(slow, TEN, "USD", "g-t");
        assertThat(lost.outcome()).isEqualTo(GatewayResult.Outcome.ERROR);
        assertThat(lost.reference()).isNull();
        GatewayResult known = gw.charge(slow, TEN, "USD", "g-t");
        assertThat(known.outcome()).isEqualTo(GatewayResult.Outcome.APPROVED);
        assertThat(fx.count("SELECT COUNT(*) FROM sandbox_charge WHERE idempotency_key = 'g-t'")).isEqualTo(1);

        gw.timeOutNext(1);
        assertThat(gw.charge(token(SandboxGateway.APPROVE_CARD), TEN, "USD", "g-t2").outcome())
                .isEqualTo(GatewayResult.Outcome.ERROR);
        assertThat(gw.charge(token(SandboxGateway.APPROVE_CARD), TEN, "USD", "g-t2").outcome())
                .isEqualTo(GatewayResult.Outcome.APPROVED);
    }

    @Test
    void refundsUpToTheChargeAndRefusesADeletedCard() {
        String visa = token(SandboxGateway.APPROVE_CARD);
        String ref = gw.charge(visa, TEN, "USD", "g-r").reference();
        assertThat(gw.refund(ref, new BigDecimal("6.00"), "g-r1").outcome()).isEqualTo(GatewayResult.Outcome.APPROVED);
        assertThat(gw.refund(ref, new BigDecimal("6.00"), "g-r2").message()).contains("exceeds");
        assertThat(gw.refund("sbx_ch_nope", TEN, "g-r3").outcome()).isEqualTo(GatewayResult.Outcome.DECLINED);

        gw.deletePaymentMethod(customer, visa);
        assertThat(gw.charge(visa, TEN, "USD", "g-r4").message()).contains("not found");
        assertThat(gw.charge(visa, TEN, "USD", "").outcome()).isEqualTo(GatewayResult.Outcome.ERROR);
    }
}
