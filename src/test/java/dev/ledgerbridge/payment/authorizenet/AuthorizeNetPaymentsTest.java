package dev.ledgerbridge.payment.authorizenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentProfile;
import dev.ledgerbridge.payment.PaymentResult;
import dev.ledgerbridge.payment.Payments;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cards and payments through Authorize.Net's official SDK against the stand-in: what is saved of a card, what a charge
 * sends, how the response codes map to results, that a charge whose answer was lost is found in the transaction lists
 * and never sent twice, and that money is returned by a refund or a void as the charge's settlement requires.
 */
class AuthorizeNetPaymentsTest {
    static AuthorizeNetWorld w;
    static Payments payments;

    @BeforeAll
    static void start() {
        w = new AuthorizeNetWorld();
        payments = w.fx.app().payments;
    }

    @AfterEach
    void noFaultsLeft() {
        w.anet.slowNext(0, 0);
    }

    @AfterAll
    static void stop() {
        w.close();
    }

    private static AuthorizeNetStandIn.Txn charge(PaymentResult r) {
        String ref = w.fx.rows("SELECT gateway_ref FROM payment_txn WHERE id = " + r.id()).get(0).get(0);
        return w.anet.transactions().stream().filter(t -> t.transId.equals(ref)).findFirst().orElseThrow();
    }

    @Test
    void aCardIsSavedAsACimPaymentProfileOfTheCustomersProfileAndOnlyItsIdsTypeLastFourAndExpiryAreKept() {
        PaymentProfile p = w.card(w.fx.jones, AuthorizeNetStandIn.VISA);

        assertThat(p.gateway()).isEqualTo("authorizenet");
        assertThat(p.label()).isEqualTo("Visa ending 1111, expires 12/2030");
        List<String> row = w.fx.rows("SELECT gateway_customer_id, token, brand, last4 FROM payment_profile WHERE id = "
                + p.id()).get(0);
        assertThat(w.anet.paymentProfilesOf(row.get(0))).contains(row.get(1));
        assertThat(row.subList(2, 4)).containsExactly("Visa", "1111");
        assertThat(w.fx.rows("SELECT gateway_customer_id FROM gateway_customer WHERE customer_list_id = '"
                + w.fx.jones.listId() + "' AND gateway = 'authorizenet'")).containsExactly(List.of(row.get(0)));
        // the CIM profile is the QuickBooks customer's: merchantCustomerId = ListID, with its email
        assertThat(w.anet.bodies()).anySatisfy(b -> assertThat(b).contains("createCustomerProfileRequest")
                .contains("<merchantCustomerId>" + w.fx.jones.listId() + "</merchantCustomerId>")
                .contains("<email>jones@example.com</email>"));
        assertThat(w.anet.bodies()).anySatisfy(b -> assertThat(b).contains("createCustomerPaymentProfileRequest")
                .contains("<validationMode>testMode</validationMode>"));
        // the card number went from the browser to Authorize.Net only
        assertThat(w.anet.bodies()).noneMatch(b -> b.contains(AuthorizeNetStandIn.VISA));
    }

    @Test
    void opaqueDataUsedOnceOrMadeUpIsRefusedWithAuthorizeNetsReason() {
        assertThatThrownBy(() -> w.fx.app().paymentProfiles.addHosted(w.fx.companyId, w.fx.jones.listId(),
                java.util.Map.of("dataDescriptor", "COMMON.ACCEPT.INAPP.PAYMENT", "dataValue", "eyJmadeUp"), null,
                "clerk")).isInstanceOf(PaymentException.class).hasMessageContaining("E00114");
        assertThatThrownBy(() -> w.fx.app().paymentProfiles.addHosted(w.fx.companyId, w.fx.jones.listId(),
                java.util.Map.of("paymentMethodId", "pm_123"), null, "clerk"))
                .isInstanceOf(PaymentException.class).hasMessageContaining("opaqueData");
    }

    @Test
    void anApprovedChargeIsAnAuthCaptureOnTheProfileUnderTheAttemptsReferenceWithTheInvoiceNumbers() {
        PaymentProfile visa = w.card(w.fx.smith, AuthorizeNetStandIn.VISA);

        PaymentResult r = payments.charge(w.pay(visa, "a-approve", w.fx.partlyPaid.txnId(), "12.50"));

        assertThat(r.result()).isEqualTo("Approved");
        assertThat(r.message()).contains("authorization QW3RTY");
        AuthorizeNetStandIn.Txn t = charge(r);
        assertThat(t.amount).isEqualByComparingTo("12.50");
        assertThat(t.cardId).isEqualTo(w.token(visa));
        assertThat(t.invoiceNumber).startsWith("LB" + r.id() + "-").hasSizeLessThanOrEqualTo(20);
        assertThat(t.description).startsWith("Invoice INV-1 (Ledgerbridge payment #" + r.id() + ")");
        assertThat(w.anet.bodies()).anySatisfy(b -> assertThat(b).contains("<refId>" + t.invoiceNumber + "</refId>")
                .contains("<settingName>duplicateWindow</settingName>"));
    }

    @Test
    void aDeclineIsDeclinedWithAuthorizeNetsReason() {
        PaymentProfile card = w.card(w.fx.smith, AuthorizeNetStandIn.DECLINED);

        PaymentResult r = payments.charge(w.pay(card, "a-decline", w.fx.open.txnId(), "5.00"));

        assertThat(r.result()).isEqualTo("Declined");
        assertThat(r.message()).contains("This transaction has been declined.").contains("reason 2");
        assertThat(r.postedToQuickBooks()).isFalse();
    }

    @Test
    void anErrorAndAnExpiredCardAreErrorsWithTheReasonAndNothingIsSentAgainOnARetryThatFindsThem() {
        PaymentProfile broken = w.card(w.fx.smith, AuthorizeNetStandIn.ERROR_CARD);
        PaymentResult error = payments.charge(w.pay(broken, "a-error", w.fx.open.txnId(), "6.00"));

        assertThat(error.result()).isEqualTo("Error");
        assertThat(error.message()).contains("An error occurred during processing").contains("reason 19");

        PaymentProfile old = w.card(w.fx.jones, "5424000000000015");
        w.anet.expire(w.token(old));
        PaymentResult expired = payments.charge(w.pay(old, "a-expired", w.fx.jonesInvoice.txnId(), "7.00"));

        assertThat(expired.result()).isEqualTo("Error");
        assertThat(expired.message()).contains("The credit card has expired.").contains("reason 8");
        long sent = w.anet.charges().size();

        PaymentResult again = payments.retry(w.fx.companyId, expired.id());

        assertThat(again.result()).isEqualTo("Error");
        assertThat(w.anet.charges()).hasSize((int) sent);
    }

    @Test
    void aChargeHeldForReviewIsHeldNotPostedAndApprovedWhenTheReviewApprovesIt() {
        PaymentProfile card = w.card(w.fx.smith, AuthorizeNetStandIn.REVIEW);

        PaymentResult held = payments.charge(w.pay(card, "a-held", w.fx.open.txnId(), "8.00"));

        assertThat(held.result()).isEqualTo("Held");
        assertThat(held.message()).contains("Held for review").contains("reason 252");
        assertThat(held.postedToQuickBooks()).isFalse();
        assertThat(w.fx.rows("SELECT post_action_id FROM payment_txn WHERE id = " + held.id()).get(0).get(0)).isNull();

        assertThat(payments.retry(w.fx.companyId, held.id()).result()).isEqualTo("Held");
        w.anet.review(charge(held).transId, true);
        w.anet.settleAll();

        PaymentResult approved = payments.retry(w.fx.companyId, held.id());

        assertThat(approved.result()).isEqualTo("Approved");
        assertThat(w.fx.rows("SELECT post_action_id FROM payment_txn WHERE id = " + held.id()).get(0).get(0))
                .isNotNull();
        assertThat(w.anet.charges().stream().filter(t -> t.cardId.equals(w.token(card)))).hasSize(1);
    }

    @Test
    void aChargeWhoseAnswerWasLostIsFoundInTheUnsettledTransactionsAndNeverChargedTwice() {
        PaymentProfile visa = w.card(w.fx.jones, "4012888818888");
        int before = w.anet.charges().size();
        w.anet.slowNext(1, AuthorizeNetWorld.TIMEOUT_SECONDS * 1000L + 1500); // charged; answered after the timeout

        PaymentResult lost = payments.charge(w.pay(visa, "a-lost", w.fx.jonesInvoice.txnId(), "9.00"));

        assertThat(lost.result()).isEqualTo("Error");
        assertThat(lost.message()).contains("did not answer in " + AuthorizeNetWorld.TIMEOUT_SECONDS + " seconds");
        assertThat(w.anet.charges()).hasSize(before + 1);

        PaymentResult found = payments.retry(w.fx.companyId, lost.id());

        assertThat(found.result()).isEqualTo("Approved");
        assertThat(w.anet.charges()).hasSize(before + 1);
        AuthorizeNetStandIn.Txn t = w.anet.charges().get(before);
        assertThat(w.fx.rows("SELECT gateway_ref FROM payment_txn WHERE id = " + lost.id()))
                .containsExactly(List.of(t.transId));
        assertThat(w.anet.requests()).filteredOn(q -> q.equals("createTransactionRequest " + t.invoiceNumber))
                .hasSize(1);
        assertThat(w.anet.requests()).contains("getTransactionListForCustomerRequest",
                "getUnsettledTransactionListRequest");
    }

    @Test
    void aChargeNotSettledYetIsVoidedInFullAndRefusedInPartAndASettledOneIsRefundedInPart() {
        PaymentProfile visa = w.card(w.fx.smith, "4007000000027");
        PaymentResult unsettled = payments.charge(w.pay(visa, "a-void", w.fx.partlyPaid.txnId(), "20.00"));
        assertThat(unsettled.result()).isEqualTo("Approved");
        w.fx.sync(); // posted to QuickBooks, as a payment must be before money of it is returned

        PaymentResult part = payments.refund(w.fx.companyId, unsettled.id(), new BigDecimal("5.00"), "a-void-part",
                "boss");

        assertThat(part.result()).isEqualTo("Declined");
        assertThat(part.message()).contains("has not settled");

        PaymentResult voided = payments.refund(w.fx.companyId, unsettled.id(), null, "a-void-all", "boss");

        assertThat(voided.result()).isEqualTo("Approved");
        assertThat(voided.message()).contains("Voided");
        assertThat(charge(unsettled).status).isEqualTo("voided");

        PaymentResult settled = payments.charge(w.pay(visa, "a-refund", w.fx.partlyPaid.txnId(), "30.00"));
        w.fx.sync();
        w.anet.settleAll();

        PaymentResult refund = payments.refund(w.fx.companyId, settled.id(), new BigDecimal("10.00"), "a-refund-1",
                "boss");

        assertThat(refund.result()).isEqualTo("Approved");
        assertThat(refund.message()).isEqualTo("Refunded");
        AuthorizeNetStandIn.Txn r = w.anet.transactions().stream().filter(t -> "refundTransaction".equals(t.type))
                .findFirst().orElseThrow();
        assertThat(r.refTransId).isEqualTo(charge(settled).transId);
        assertThat(r.amount).isEqualByComparingTo("10.00");
        assertThat(charge(settled).status).isEqualTo("settledSuccessfully");
    }
}
