package dev.ledgerbridge.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** QuickBooks' status codes for a write, mapped to retry-later or failed, with what staff should do. */
class ActionErrorsTest {

    @ParameterizedTest
    @CsvSource({
        "3170, true, tried again on the next Web Connector run",
        "3175, true, tried again on the next Web Connector run",
        "3180, true, tried again on the next Web Connector run",
        "3100, false, Rename one of them in QuickBooks",
        "3120, false, deleted or merged",
        "3140, false, payment method or the deposit account",
        "3210, false, already paid in QuickBooks",
        "3250, false, Turn it on in QuickBooks' preferences",
        "3260, false, Integrated Applications",
        "9999, false, status 9999"
    })
    void mapsEachCodeToAStateAndWhatToDo(int code, boolean retryLater, String advice) {
        // when
        ActionErrors.Verdict v = ActionErrors.forStatus(ActionQueue.POST_PAYMENT, code, "QuickBooks' own words");

        // then
        assertThat(v.retryLater()).isEqualTo(retryLater);
        assertThat(v.message()).contains(advice).contains("QuickBooks said: \"QuickBooks' own words\"");
    }

    @Test
    void speaksOfTheCustomerForAnEmailAndLeavesOutAnEmptyQuickBooksMessage() {
        ActionErrors.Verdict v = ActionErrors.forStatus(ActionQueue.UPDATE_EMAIL, 3120, " ");
        assertThat(v.message()).contains("QuickBooks no longer has the customer").doesNotContain("QuickBooks said");
    }

    @Test
    void masksCardNumbersAndSecretElementsAndCapsTheSize() {
        // given
        String xml = "<Rq><CreditCardNumber>4111111111111111</CreditCardNumber><Memo>card 5500005555555559 ok,"
                + " txn 80000001-1700000000</Memo><Password>hunter2</Password></Rq>";

        // when
        String masked = QuickBooksWork.mask(xml);

        // then
        assertThat(masked).doesNotContain("4111111111111111", "5500005555555559", "hunter2")
                .contains("<CreditCardNumber>***</CreditCardNumber>", "****5559", "80000001-1700000000");
        String big = "<a>" + "x".repeat(ActionQueue.MAX_XML_KEPT * 2) + "</a>";
        assertThat(QuickBooksWork.mask(big)).hasSizeLessThan(ActionQueue.MAX_XML_KEPT + 100).contains("cut:");
        assertThat(QuickBooksWork.mask(null)).isNull();
    }
}
