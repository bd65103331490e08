package dev.ledgerbridge.payment.authorizenet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.GatewayCharge;
import dev.ledgerbridge.payment.GatewayResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the adapter sends and reads without a network: the attempt's reference, the description, statuses. */
class AuthorizeNetGatewayTest {

    @Test
    void theReferenceFitsAuthorizeNetsTwentyCharactersIsTheSameOnEveryTryAndNamesThePayment() {
        String a = AuthorizeNetGateway.reference("lb-3-key-one", Map.of("ledgerbridge_payment", "1234"));
        String again = AuthorizeNetGateway.reference("lb-3-key-one", Map.of("ledgerbridge_payment", "1234"));
        String other = AuthorizeNetGateway.reference("lb-3-key-two", Map.of("ledgerbridge_payment", "1234"));
        String huge = AuthorizeNetGateway.reference("lb-3-key-one", Map.of("ledgerbridge_payment",
                "123456789012345"));

        assertThat(a).isEqualTo(again).isNotEqualTo(other).hasSize(20).startsWith("LB1234-");
        assertThat(huge).hasSizeLessThanOrEqualTo(20);
        assertThat(AuthorizeNetGateway.paymentOf(a)).isEqualTo(1234L);
        assertThat(AuthorizeNetGateway.paymentOf(huge)).isEqualTo(123456789012345L);
        assertThat(AuthorizeNetGateway.paymentOf("INV-1001")).isNull();
        assertThat(AuthorizeNetGateway.paymentOf(null)).isNull();
    }

    @Test
    void theDescriptionListsTheInvoiceNumbersWithinTwoHundredFiftyFiveCharacters() {
        GatewayCharge one = charge(List.of("1001"));
        GatewayCharge many = charge(Collections.nCopies(60, "INV-000123"));
        GatewayCharge deposit = charge(List.of());

        assertThat(AuthorizeNetGateway.description(one)).isEqualTo("Invoice 1001 (Ledgerbridge payment #7)");
        assertThat(AuthorizeNetGateway.description(many)).hasSizeLessThanOrEqualTo(255)
                .startsWith("Invoices INV-000123, INV-000123").contains(", ...").endsWith("(Ledgerbridge payment #7)");
        assertThat(AuthorizeNetGateway.description(deposit)).isEqualTo("Deposit (Ledgerbridge payment #7)");
    }

    @Test
    void transactionStatusesMapToApprovedHeldDeclinedOrError() {
        assertThat(AuthorizeNetGateway.status("1", "settledSuccessfully").outcome())
                .isEqualTo(GatewayResult.Outcome.APPROVED);
        assertThat(AuthorizeNetGateway.status("1", "capturedPendingSettlement").outcome())
                .isEqualTo(GatewayResult.Outcome.APPROVED);
        assertThat(AuthorizeNetGateway.status("1", "FDSPendingReview").outcome()).isEqualTo(GatewayResult.Outcome.HELD);
        assertThat(AuthorizeNetGateway.status("1", "declined").outcome()).isEqualTo(GatewayResult.Outcome.DECLINED);
        assertThat(AuthorizeNetGateway.status("1", "generalError").outcome()).isEqualTo(GatewayResult.Outcome.ERROR);
        assertThat(AuthorizeNetGateway.brand("AmericanExpress")).isEqualTo("Amex");
        assertThat(AuthorizeNetGateway.brand("MasterCard")).isEqualTo("Mastercard");
    }

    private static GatewayCharge charge(List<String> invoices) {
        return new GatewayCharge("lb-1-k", "15", "16", new BigDecimal("1.00"), "USD", false,
                "Ledgerbridge payment #7 (" + invoices.size() + " invoices)", Map.of("ledgerbridge_payment", "7"),
                Instant.EPOCH, invoices);
    }
}
