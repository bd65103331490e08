package dev.ledgerbridge.autopay;

import dev.ledgerbridge.payment.PaymentLedger;
import java.math.BigDecimal;
import java.util.List;

/**
 * The balance left to charge on an invoice: QuickBooks' balance as last synced, less what Ledgerbridge collected
 * on it since (an approved payment reaches QuickBooks, and so the synced balance, only on a later Web Connector run).
 */
final class Balances {
    private Balances() {
    }

    static BigDecimal effective(OpenInvoice invoice, List<PaymentLedger.Transaction> customerTransactions) {
        if (invoice.isPaid() || invoice.balanceRemaining() == null) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal open = invoice.balanceRemaining();
        for (PaymentLedger.Transaction t : customerTransactions) {
            if (invoice.txnId().equals(t.invoiceTxnId()) && "Approved".equals(t.result()) && t.amount() != null
                    && (invoice.syncedAt() == null || t.at() == null || !t.at().isBefore(invoice.syncedAt()))) {
                open = open.subtract(t.amount());
            }
        }
        return open.signum() < 0 ? BigDecimal.ZERO.setScale(2) : open.setScale(2);
    }
}
