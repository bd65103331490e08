package dev.ledgerbridge.testkit;

/**
 * The fields of a new customer ({@link #named(String)}) or the changes to an existing one ({@link #changes()}).
 * Only the fields you set are applied; setting a field to null clears it. Keys are the qbXML element names.
 * The test kit's face of {@link dev.ledgerbridge.simulate.CustomerSpec}.
 */
public final class CustomerSpec {

    private final dev.ledgerbridge.simulate.CustomerSpec spec;

    private CustomerSpec(dev.ledgerbridge.simulate.CustomerSpec spec) {
        this.spec = spec;
    }

    public static CustomerSpec named(String name) {
        return new CustomerSpec(dev.ledgerbridge.simulate.CustomerSpec.named(name));
    }

    public static CustomerSpec changes() {
        return new CustomerSpec(dev.ledgerbridge.simulate.CustomerSpec.changes());
    }

    public CustomerSpec name(String v) {
        spec.name(v);
        return this;
    }

    public CustomerSpec active(boolean v) {
        spec.active(v);
        return this;
    }

    /** The parent customer's ListID (a job); null makes it a top-level customer. */
    public CustomerSpec parent(String parentListId) {
        spec.parent(parentListId);
        return this;
    }

    public CustomerSpec companyName(String v) {
        spec.companyName(v);
        return this;
    }

    public CustomerSpec salutation(String v) {
        spec.salutation(v);
        return this;
    }

    public CustomerSpec firstName(String v) {
        spec.firstName(v);
        return this;
    }

    public CustomerSpec middleName(String v) {
        spec.middleName(v);
        return this;
    }

    public CustomerSpec lastName(String v) {
        spec.lastName(v);
        return this;
    }

    public CustomerSpec jobTitle(String v) {
        spec.jobTitle(v);
        return this;
    }

    public CustomerSpec billAddress(QbAddress v) {
        spec.billAddress(QbAddress.toMain(v));
        return this;
    }

    public CustomerSpec shipAddress(QbAddress v) {
        spec.shipAddress(QbAddress.toMain(v));
        return this;
    }

    public CustomerSpec phone(String v) {
        spec.phone(v);
        return this;
    }

    public CustomerSpec mobile(String v) {
        spec.mobile(v);
        return this;
    }

    public CustomerSpec altPhone(String v) {
        spec.altPhone(v);
        return this;
    }

    public CustomerSpec fax(String v) {
        spec.fax(v);
        return this;
    }

    public CustomerSpec email(String v) {
        spec.email(v);
        return this;
    }

    public CustomerSpec cc(String v) {
        spec.cc(v);
        return this;
    }

    public CustomerSpec contact(String v) {
        spec.contact(v);
        return this;
    }

    public CustomerSpec altContact(String v) {
        spec.altContact(v);
        return this;
    }

    /** Terms by name, e.g. "Net 30". */
    public CustomerSpec terms(String v) {
        spec.terms(v);
        return this;
    }

    public CustomerSpec accountNumber(String v) {
        spec.accountNumber(v);
        return this;
    }

    public CustomerSpec notes(String v) {
        spec.notes(v);
        return this;
    }

    dev.ledgerbridge.simulate.CustomerSpec toMain() {
        return spec;
    }

    @Override
    public String toString() {
        return spec.toString();
    }
}
