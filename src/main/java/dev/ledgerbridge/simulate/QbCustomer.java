package dev.ledgerbridge.simulate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer or job of the simulated company as it is now (a snapshot). Money has two decimals;
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
        BigDecimal totalBalance,
        String salesTaxCode,
        String itemSalesTax,
        Map<String, String> customFields) {

    public QbCustomer {
        customFields = Collections.unmodifiableMap(new LinkedHashMap<>(customFields));
    }

    public boolean isJob() {
        return parentListId != null;
    }
}
