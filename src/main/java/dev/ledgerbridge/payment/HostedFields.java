package dev.ledgerbridge.payment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a page needs to show a gateway's hosted card fields: the provider's script, the data the page script that drives
 * it reads (a public key, a setup secret, ...; that script is {@link GatewayProvider#fieldsScript()}), the origins
 * the page's Content-Security-Policy must allow, and the names of the form's hidden fields the page script fills with
 * the provider's result ({@link GatewayProvider#hostedResultFields()}). The card number is typed into the provider's
 * fields and never reaches Ledgerbridge; the form posts back only what the provider returned.
 */
public record HostedFields(String gateway, String scriptUrl, Map<String, String> data,
                           List<String> scriptOrigins, List<String> frameOrigins, List<String> connectOrigins,
                           List<String> resultFields) {
    public HostedFields {
        data = Map.copyOf(data);
        scriptOrigins = List.copyOf(scriptOrigins);
        frameOrigins = List.copyOf(frameOrigins);
        connectOrigins = List.copyOf(connectOrigins);
        resultFields = List.copyOf(resultFields);
    }

    /** The origin of a URL, as a Content-Security-Policy names it: scheme, host and a port other than the default. */
    public static String origin(String url) {
        java.net.URI u = java.net.URI.create(url);
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
    }

    /** The data as the page's data-* attributes (publishableKey becomes publishable-key), in a stable order. */
    public Map<String, String> attributes() {
        Map<String, String> m = new TreeMap<>();
        data.forEach((k, v) -> m.put(k.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT), v));
        return m;
    }
}
