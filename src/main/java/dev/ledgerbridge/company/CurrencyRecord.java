package dev.ledgerbridge.company;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One entry of a multicurrency file's currency list (CurrencyRet): the name QuickBooks' CurrencyRef elements use, its
 * ISO 4217 code, and the exchange rate QuickBooks holds for it (home currency per unit, as of {@code asOfDate}).
 */
public record CurrencyRecord(String listId, String name, String code, boolean active, BigDecimal exchangeRate,
                             LocalDate asOfDate) {
}
