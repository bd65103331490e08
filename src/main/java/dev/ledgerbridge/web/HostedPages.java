package dev.ledgerbridge.web;

import dev.ledgerbridge.payment.HostedFields;
import dev.ledgerbridge.payment.PaymentException;
import dev.ledgerbridge.payment.PaymentGateways;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the pages with a gateway's hosted card fields (the admin pages' "Add a card", the public card page) share: the
 * Content-Security-Policy that lets the provider's script and frames in on those pages only, and the page script
 * that drives the fields, served from the provider's package.
 */
public final class HostedPages {
    private static final Map<String, byte[]> SCRIPTS = new ConcurrentHashMap<>();

    private HostedPages() {
    }

    /**
     * The page's policy with the provider's origins added: its script to script-src, its frames to frame-src, its
     * API to connect-src. Everything else stays as strict as {@code base}.
     */
    public static String csp(String base, HostedFields h) {
        String script = String.join(" ", h.scriptOrigins());
        String policy = base.contains("script-src ") ? base.replace("script-src 'self'", "script-src 'self' " + script)
                : base + "; script-src 'self' " + script;
        return policy + "; frame-src " + String.join(" ", h.frameOrigins()) + "; connect-src 'self' "
                + String.join(" ", h.connectOrigins());
    }

    /** The page script of a gateway's hosted fields ({@code name}.js), if it has one. */
    public static Optional<byte[]> fieldsScript(PaymentGateways gateways, String file) {
        if (!file.matches("[a-z]{1,40}\\.js")) {
            return Optional.empty();
        }
        String name = file.substring(0, file.length() - 3);
        String resource;
        try {
            resource = gateways.provider(name).fieldsScript();
        } catch (PaymentException e) {
            return Optional.empty();
        }
        if (resource == null) {
            return Optional.empty();
        }
        return Optional.of(SCRIPTS.computeIfAbsent(resource, r -> {
            try (InputStream in = HostedPages.class.getClassLoader().getResourceAsStream(r)) {
                return in.readAllBytes();
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("missing page script " + r, e);
            }
        }));
    }
}
