package dev.ledgerbridge.customer;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One customer (or job / sub-customer) as QuickBooks returned it in a CustomerRet.
 * IDs and EditSequence are opaque strings; money is exact; times keep QuickBooks' own offset.
 * {@code currencyName} is the FullName of its CurrencyRef (null in a file without multicurrency).
 */
public record Customer(
        String listId,
        OffsetDateTime timeCreated,
        OffsetDateTime timeModified,
        String editSequence,
        String name,
        String fullName,
        boolean active,
        String parentListId,
        int sublevel,
        String companyName,
        String salutation,
        String firstName,
        String middleName,
        String lastName,
        String jobTitle,
        Address billAddress,
        Address shipAddress,
        String phone,
        String mobile,
        String altPhone,
        String fax,
        String email,
        String cc,
        String contact,
        String altContact,
        String customerType,
        String terms,
        BigDecimal balance,
        BigDecimal totalBalance,
        String accountNumber,
        BigDecimal creditLimit,
        String jobStatus,
        String notes,
        String currencyName) {

    /** A customer of a file without multicurrency: it names no currency (the home currency is meant). */
    public Customer(String listId, OffsetDateTime timeCreated, OffsetDateTime timeModified, String editSequence,
                    String name, String fullName, boolean active, String parentListId, int sublevel,
                    String companyName, String salutation, String firstName, String middleName, String lastName,
                    String jobTitle, Address billAddress, Address shipAddress, String phone, String mobile,
                    String altPhone, String fax, String email, String cc, String contact, String altContact,
                    String customerType, String terms, BigDecimal balance, BigDecimal totalBalance,
                    String accountNumber, BigDecimal creditLimit, String jobStatus, String notes) {
        this(listId, timeCreated, timeModified, editSequence, name, fullName, active, parentListId, sublevel,
                companyName, salutation, firstName, middleName, lastName, jobTitle, billAddress, shipAddress, phone,
                mobile, altPhone, fax, email, cc, contact, altContact, customerType, terms, balance, totalBalance,
                accountNumber, creditLimit, jobStatus, notes, null);
    }
}
