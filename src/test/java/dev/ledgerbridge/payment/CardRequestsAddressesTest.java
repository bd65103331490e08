package dev.ledgerbridge.payment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.customer.CustomerRow;
import dev.ledgerbridge.customer.CustomerSettings;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who a request goes to, and what is masked before a gateway's message is stored or logged. */
class CardRequestsAddressesTest {
    static CustomerRow customer(String email) {
        return new CustomerRow("80000001-1", "Ann", "Ann", null, 0, null, null, null, email, null, null, null, null,
                null, null, null, null, null, null, BigDecimal.ZERO, BigDecimal.ZERO, true, false, "1", null, null,
                false);
    }

    @Test
    void everyAddressOfQuickBooksAndTheExtraOnesOnceIgnoringCase() {
        CustomerSettings extra = new CustomerSettings(List.of("Billing@Ann.example", "ops@ann.example", "not-an-address"),
                null, null, null);

        assertThat(CardRequests.addresses(customer("ann@ann.example; billing@ann.example"), extra))
                .containsExactly("ann@ann.example", "billing@ann.example", "ops@ann.example");
        assertThat(CardRequests.addresses(customer(null), CustomerSettings.NONE)).isEmpty();
        assertThat(CardRequests.addresses(customer("  "), CustomerSettings.NONE)).isEmpty();
    }

    @Test
    void anythingThatLooksLikeACardNumberIsMasked() {
        assertThat(CardRequests.redact("Card 4111 1111 1111 1111 declined")).isEqualTo("Card [number removed] declined");
        assertThat(CardRequests.redact("4000-0000-0000-0069 expired")).isEqualTo("[number removed] expired");
        assertThat(CardRequests.redact("Expired card (code 54)")).isEqualTo("Expired card (code 54)");
        assertThat(CardRequests.redact(null)).isEmpty();
    }
}
