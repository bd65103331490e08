package dev.ledgerbridge.simulate;

import java.math.BigDecimal;

/**
 * A transaction's money as a multicurrency file holds it: its currency's ISO code, the exchange rate it was entered
 * with (units of the home currency per unit of its currency), and an amount of it in the home currency (an invoice's
 * BalanceRemainingInHomeCurrency, a payment's TotalAmountInHomeCurrency).
 */
public record QbForeignAmount(String currency, BigDecimal exchangeRate, BigDecimal amountInHomeCurrency) {
}
