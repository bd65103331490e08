package dev.ledgerbridge.simulate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields of a new customer ({@link #named(String)}) or the changes to an existing one ({@link #changes()}).
 * Only the fields you set are applied; setting a field to null clears it. Keys are the qbXML element names.
 */
public final class CustomerSpec {

    final Map<String, Object> values = new LinkedHashMap<>();

    private CustomerSpec() {
    }

    public static CustomerSpec named(String name) {
        return new CustomerSpec().name(name);
    }

    public static CustomerSpec changes() {
        return new CustomerSpec();
    }

    private CustomerSpec set(String key, Object value) {
        values.put(key, value);
        return this;
    }

    public CustomerSpec name(String v) {
        return set("Name", v);
    }

    public CustomerSpec active(boolean v) {
        return set("IsActive", v);
    }

    /** The parent customer's ListID (a job); null makes it a top-level customer. */
    public CustomerSpec parent(String parentListId) {
        return set("ParentRef", parentListId);
    }

    public CustomerSpec companyName(String v) {
        return set("CompanyName", v);
    }

    public CustomerSpec salutation(String v) {
        return set("Salutation", v);
    }

    public CustomerSpec firstName(String v) {
        return set("FirstName", v);
    }

    public CustomerSpec middleName(String v) {
        return set("MiddleName", v);
    }

    public CustomerSpec lastName(String v) {
        return set("LastName", v);
    }

    public CustomerSpec jobTitle(String v) {
        return set("JobTitle", v);
    }

    public CustomerSpec billAddress(QbAddress v) {
        return set("BillAddress", v);
    }

    public CustomerSpec shipAddress(QbAddress v) {
        return set("ShipAddress", v);
    }

    public CustomerSpec phone(String v) {
        return set("Phone", v);
    }

    public CustomerSpec mobile(String v) {
        return set("Mobile", v);
    }

    public CustomerSpec altPhone(String v) {
        return set("AltPhone", v);
    }

    public CustomerSpec fax(String v) {
        return set("Fax", v);
    }

    public CustomerSpec email(String v) {
        return set("Email", v);
    }

    public CustomerSpec cc(String v) {
        return set("Cc", v);
    }

    public CustomerSpec contact(String v) {
        return set("Contact", v);
    }

    public CustomerSpec altContact(String v) {
        return set("AltContact", v);
    }

    /** Terms by name, e.g. "Net 30". */
    public CustomerSpec terms(String v) {
        return set("TermsRef", v);
    }

    public CustomerSpec accountNumber(String v) {
        return set("AccountNumber", v);
    }

    public CustomerSpec notes(String v) {
        return set("Notes", v);
    }

    /** The sales tax code, e.g. "Tax" or "Non". */
    public CustomerSpec salesTaxCode(String v) {
        return set("SalesTaxCodeRef", v);
    }

    /** The sales tax item or group charged on the customer's invoices, e.g. "Out of State". */
    public CustomerSpec itemSalesTax(String v) {
        return set("ItemSalesTaxRef", v);
    }

    /**
     * A custom field (a public data extension, returned for OwnerID 0); a null value removes it. Fields set
     * in one spec are applied together, the others are kept.
     */
    public CustomerSpec customField(String name, String value) {
        @SuppressWarnings("unchecked")
        Map<String, String> fields = (Map<String, String>) values.computeIfAbsent("DataExt", k -> new LinkedHashMap<>());
        fields.put(name, value);
        return this;
    }

    /** Partial address change as in a CustomerMod aggregate (part name → value, "" clears). */
    CustomerSpec addressChanges(String key, Map<String, String> parts) {
        return set(key, Collections.unmodifiableMap(new LinkedHashMap<>(parts)));
    }

    Map<String, Object> values() {
        return values;
    }

    @Override
    public String toString() {
        return "CustomerSpec" + values;
    }
}
