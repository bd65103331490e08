package dev.ledgerbridge.customer;

import java.math.BigDecimal;
import java.time.Instant;

/** A customer as stored here: QuickBooks' fields plus Ledgerbridge's own (deleted flag, auto processing). */
public record CustomerRow(
        String listId,
        String fullName,
        String name,
        String parentListId,
        int sublevel,
        String companyName,
        String firstName,
        String lastName,
        String email,
        String cc,
        String phone,
        String altPhone,
        String billAddr1,
        String billAddr2,
        String billCity,
        String billState,
        String billPostalCode,
        String billCountry,
        String terms,
        BigDecimal balance,
        BigDecimal totalBalance,
        boolean isActive,
        boolean isDeleted,
        String editSequence,
        Instant timeCreated,
        Instant timeModified,
        boolean autoProcessing) {
}
