package dev.ledgerbridge.customer;

import java.math.BigDecimal;
import java.time.Instant;
import org.apache.ibatis.annotations.AutomapConstructor;

/**
 * A customer as stored here: QuickBooks' fields plus Ledgerbridge's own (deleted flag, auto processing).
 * {@code currency} is its ISO currency code in a multicurrency file, null otherwise (the home currency).
 */
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
        boolean autoProcessing,
        String currency) {

    /** The constructor MyBatis fills from a row. */
    @AutomapConstructor
    public CustomerRow {
    }

    /** A customer naming no currency (a file without multicurrency: the home currency). */
    public CustomerRow(String listId, String fullName, String name, String parentListId, int sublevel,
                       String companyName, String firstName, String lastName, String email, String cc, String phone,
                       String altPhone, String billAddr1, String billAddr2, String billCity, String billState,
                       String billPostalCode, String billCountry, String terms, BigDecimal balance,
                       BigDecimal totalBalance, boolean isActive, boolean isDeleted, String editSequence,
                       Instant timeCreated, Instant timeModified, boolean autoProcessing) {
        this(listId, fullName, name, parentListId, sublevel, companyName, firstName, lastName, email, cc, phone,
                altPhone, billAddr1, billAddr2, billCity, billState, billPostalCode, billCountry, terms, balance,
                totalBalance, isActive, isDeleted, editSequence, timeCreated, timeModified, autoProcessing, null);
    }
}
