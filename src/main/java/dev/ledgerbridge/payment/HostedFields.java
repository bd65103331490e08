package dev.ledgerbridge.payment;

import java.util.List;
import java.util.Map;

/**
 * What a page needs to show a gateway's hosted card fields: the provider's script, the data the page script that drives
 * it reads (a public key, a setup secret, ...; that script is {@link GatewayProvider#fieldsScript()}), and the origins
 * the page's Content-Security-Policy must allow. The card number is typed into the provider's fields and never
 * reaches Ledgerbridge; the form posts back only what the provider returned.
 */
public record HostedFields(String gateway, String scriptUrl, Map<String, String> data,
                           List<String> scriptOrigins, List<String> frameOrigins, List<String> connectOrigins) {
    public HostedFields {
        data = Map.copyOf(data);
        scriptOrigins = List.copyOf(scriptOrigins);
        frameOrigins = List.copyOf(frameOrigins);
        connectOrigins = List.copyOf(connectOrigins);
    }
}
