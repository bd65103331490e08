package dev.ledgerbridge.autopay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.payment.GatewayCurrencies;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which card auto processing charges for an invoice, by what the card's gateway account takes. */
class AutoProfileCurrencyTest {
    static final GatewayCurrencies CAD_ONLY = GatewayCurrencies.of("CAD");
    static final GatewayCurrencies CAD_USD = GatewayCurrencies.of("CAD", "USD");

    private static PaymentsPort.Profile profile(long id, boolean isDefault, boolean auto, GatewayCurrencies takes) {
        return new PaymentsPort.Profile(id, isDefault, auto, "card " + id, takes);
    }

    @Test
    void theDefaultCardIsPassedOverForOneWhoseAccountTakesTheInvoicesCurrency() {
        List<PaymentsPort.Profile> cards = List.of(profile(1, true, true, CAD_ONLY), profile(2, false, true, CAD_USD),
                profile(3, false, false, GatewayCurrencies.ANY));

        assertThat(AutoProcessing.autoProfile(cards, "USD").orElseThrow().id()).isEqualTo(2);
        assertThat(AutoProcessing.autoProfile(cards, "CAD").orElseThrow().id()).isEqualTo(1);
    }

    @Test
    void withNoEnabledCardTakingTheCurrencyTheDefaultIsChosenForThePaymentsCoreToSkip() {
        List<PaymentsPort.Profile> cards = List.of(profile(4, false, true, CAD_ONLY), profile(5, true, true, CAD_ONLY),
                profile(6, false, false, GatewayCurrencies.ANY));

        PaymentsPort.Profile chosen = AutoProcessing.autoProfile(cards, "EUR").orElseThrow();

        assertThat(chosen.id()).isEqualTo(5);
        assertThat(chosen.takes("EUR")).isFalse();
    }
}
