package dev.ledgerbridge.payment;

import java.util.List;
import java.util.Map;

/**
 * A payment provider Ledgerbridge can use: its credential fields, how to check them, and how to open one account.
 * Each provider's package (payment/sandbox/, payment/stripe/, ...) has one; the server is given the list when it is
 * wired, so nothing outside the provider's package names it.
 */
public interface GatewayProvider {

    /** The gateway's name in settings, profiles and payments, e.g. "stripe". */
    String name();

    /** What the pages call it. */
    String label();

    /** The fields an admin enters to connect an account, in the order the settings page shows them. */
    List<CredentialField> fields();

    /**
     * Throws PaymentException, saying what to change, unless these credentials (the stored ones with the newly typed
     * ones over them, and the default account's for fields left empty) can open an account.
     */
    void check(Map<String, String> credentials);

    /**
     * The classpath resource of the page script that runs this gateway's hosted fields (served by Ledgerbridge at
     * /pay/static/fields/{name}.js and /admin/static/fields/{name}.js); null when it has none.
     */
    default String fieldsScript() {
        return null;
    }

    /**
     * The names of what this gateway's hosted fields post back instead of a card (e.g. a token's id), read from the
     * form and handed to {@link PaymentGateway#saveHosted}; empty when it has no hosted fields.
     */
    default List<String> hostedResultFields() {
        return List.of();
    }

    /** One account at the gateway, for these credentials. */
    PaymentGateway open(Map<String, String> credentials);

    /** One credential: its name in the API and forms, its label, and whether it is a secret (stored encrypted). */
    record CredentialField(String name, String label, boolean secret, boolean required, String help) {
    }
}
