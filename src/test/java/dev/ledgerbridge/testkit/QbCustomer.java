package dev.ledgerbridge.testkit;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A customer or job of the fake company as it is now (a snapshot). Money has two decimals;
 * {@code balance} is this customer alone, {@code totalBalance} includes its jobs at every level.
 */
public record QbCustomer(
        String listId,
        Instant timeCreated,
        Instant timeModified,
        String editSequence,
        String name,
        String fullName,
        String parentListId,
        int sublevel,
        boolean active,
        String companyName,
        String salutation,
        String firstName,
        String middleName,
        String lastName,
        String jobTitle,
        QbAddress billAddress,
        QbAddress shipAddress,
        String phone,
        String mobile,
        String altPhone,
        String fax,
        String email,
        String cc,
        String contact,
        String altContact,
        String terms,
        String accountNumber,
        String notes,
        BigDecimal balance,
        BigDecimal totalBalance) {

    public boolean isJob() {
        return parentListId != null;
    }

    static QbCustomer of(dev.ledgerbridge.simulate.QbCustomer c) {
        return new QbCustomer(c.listId(), c.timeCreated(), c.timeModified(), c.editSequence(), c.name(), c.fullName(),
                c.parentListId(), c.sublevel(), c.active(), c.companyName(), c.salutation(), c.firstName(),
                c.middleName(), c.lastName(), c.jobTitle(), QbAddress.of(c.billAddress()), QbAddress.of(c.shipAddress()),
                c.phone(), c.mobile(), c.altPhone(), c.fax(), c.email(), c.cc(), c.contact(), c.altContact(), c.terms(),
                c.accountNumber(), c.notes(), c.balance(), c.totalBalance());
    }
}
