package dev.ledgerbridge.testkit;

import static dev.ledgerbridge.testkit.QbxmlTestSupport.rq;
import static dev.ledgerbridge.testkit.QbxmlTestSupport.xpath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledgerbridge.simulate.QbCreditMemo;
import dev.ledgerbridge.simulate.QbRefund;
import java.math.BigDecimal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credits applied by ReceivePaymentAdd/SetCredit, credit memos added by request, and credit card refunds. */
class FakeQuickBooksCreditsTest {
    FakeQuickBooks qb;
    QbCustomer smith;
    QbInvoice invoice;
    QbCreditMemo credit;

    @BeforeEach
    void setUp() {
        qb = new FakeQuickBooks("Credit Co");
        smith = qb.addCustomer("Smith");
        invoice = qb.addInvoice(InvoiceSpec.forCustomer(smith.listId()).lines(LineSpec.amount("Labor", "Work", "100.00")));
        credit = qb.company().addCreditMemo(smith.listId(), "Returned part", new BigDecimal("30.00"));
        qb.addDepositAccount("Checking");
        qb.addPaymentMethod("Visa");
        qb.addItem("Refunds");
    }

    private String applyCredit(String amount) {
        return qb.process(rq("<ReceivePaymentAddRq requestID=\"ap\"><ReceivePaymentAdd><CustomerRef><ListID>"
                + smith.listId() + "</ListID></CustomerRef><TotalAmount>0.00</TotalAmount><Memo>apply key k1</Memo>"
                + "<AppliedToTxnAdd><TxnID>" + invoice.txnId() + "</TxnID><PaymentAmount>0.00</PaymentAmount>"
                + "<SetCredit><CreditTxnID>" + credit.txnId() + "</CreditTxnID><AppliedAmount>" + amount
                + "</AppliedAmount></SetCredit></AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>"));
    }

    @Test
    void setCreditMovesCreditToTheInvoiceAndRefusesMoreThanIsLeft() {
        String r = applyCredit("25.00");
        assertThat(xpath(r, "//ReceivePaymentAddRs/@statusCode")).isEqualTo("0");
        assertThat(qb.creditMemo(credit.txnId()).orElseThrow().creditRemaining()).isEqualByComparingTo("5.00");
        assertThat(qb.invoice(invoice.txnId()).orElseThrow().balanceRemaining()).isEqualByComparingTo("75.00");
        assertThat(qb.customer(smith.listId()).orElseThrow().balance()).isEqualByComparingTo("70.00");

        String again = applyCredit("25.00");
        assertThat(xpath(again, "//ReceivePaymentAddRs/@statusCode")).isEqualTo("3210");
        assertThat(qb.creditMemo(credit.txnId()).orElseThrow().creditRemaining()).isEqualByComparingTo("5.00");
        assertThat(qb.payments()).hasSize(1);
    }

    @Test
    void aCreditMemoAddedByRequestIsRefundedToTheCardAndLeavesTheBalanceAsItWas() {
        String cm = qb.process(rq("<CreditMemoAddRq requestID=\"cm\"><CreditMemoAdd><CustomerRef><ListID>"
                + smith.listId() + "</ListID></CustomerRef><Memo>refund key r1</Memo><CreditMemoLineAdd><ItemRef>"
                + "<FullName>Refunds</FullName></ItemRef><Desc>Card refund</Desc><Amount>40.00</Amount>"
                + "</CreditMemoLineAdd></CreditMemoAdd></CreditMemoAddRq>"));
        assertThat(xpath(cm, "//CreditMemoAddRs/@statusCode")).isEqualTo("0");
        String cmId = xpath(cm, "//CreditMemoRet/TxnID");
        assertThat(xpath(cm, "//CreditMemoRet/CreditRemaining")).isEqualTo("40.00");
        assertThat(qb.customer(smith.listId()).orElseThrow().balance()).isEqualByComparingTo("30.00");

        String refund = qb.process(rq("<ARRefundCreditCardAddRq requestID=\"rf\"><ARRefundCreditCardAdd><CustomerRef>"
                + "<ListID>" + smith.listId() + "</ListID></CustomerRef><RefundFromAccountRef><FullName>Checking"
                + "</FullName></RefundFromAccountRef><PaymentMethodRef><FullName>Visa</FullName></PaymentMethodRef>"
                + "<Memo>refund key r1</Memo><RefundAppliedToTxnAdd><TxnID>" + cmId + "</TxnID><RefundAmount>40.00"
                + "</RefundAmount></RefundAppliedToTxnAdd></ARRefundCreditCardAdd></ARRefundCreditCardAddRq>"));
        assertThat(xpath(refund, "//ARRefundCreditCardAddRs/@statusCode")).isEqualTo("0");
        assertThat(xpath(refund, "//RefundAppliedToTxnRet/CreditRemaining")).isEqualTo("0.00");
        QbRefund stored = qb.refunds().get(0);
        assertThat(stored.totalAmount()).isEqualByComparingTo("40.00");
        assertThat(stored.refundFromAccount()).isEqualTo("Checking");
        assertThat(qb.creditMemo(cmId).orElseThrow().refunds()).hasSize(1);
        assertThat(qb.customer(smith.listId()).orElseThrow().balance()).isEqualByComparingTo("70.00");

        String linked = qb.process(rq("<CreditMemoQueryRq requestID=\"q\"><TxnID>" + cmId + "</TxnID>"
                + "<IncludeLinkedTxns>true</IncludeLinkedTxns></CreditMemoQueryRq>"));
        assertThat(xpath(linked, "//CreditMemoRet/LinkedTxn/TxnType")).isEqualTo("ARRefundCreditCard");

        String twice = qb.process(rq("<ARRefundCreditCardAddRq requestID=\"rf2\">"
                + "<ARRefundCreditCardAdd><CustomerRef><ListID>" + smith.listId() + "</ListID></CustomerRef>"
                + "<RefundFromAccountRef><FullName>Checking</FullName></RefundFromAccountRef><RefundAppliedToTxnAdd>"
                + "<TxnID>" + cmId + "</TxnID><RefundAmount>1.00</RefundAmount></RefundAppliedToTxnAdd>"
                + "</ARRefundCreditCardAdd></ARRefundCreditCardAddRq>"));
        assertThat(xpath(twice, "//ARRefundCreditCardAddRs/@statusCode")).isEqualTo("3210");
        assertThat(qb.refunds()).hasSize(1);
    }

    @Test
    void aCreditMemoLineNamingAnUnknownItemIsRefused() {
        String cm = qb.process(rq("<CreditMemoAddRq requestID=\"cm\"><CreditMemoAdd><CustomerRef><ListID>"
                + smith.listId() + "</ListID></CustomerRef><CreditMemoLineAdd><ItemRef><FullName>Nope</FullName>"
                + "</ItemRef><Amount>5.00</Amount></CreditMemoLineAdd></CreditMemoAdd></CreditMemoAddRq>"));
        assertThat(xpath(cm, "//CreditMemoAddRs/@statusCode")).isEqualTo("3140");
        assertThat(qb.creditMemos()).hasSize(1);
    }
}
