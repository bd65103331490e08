package dev.ledgerbridge.qbwc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/** Session tickets: random UUIDs handed to the Web Connector; only their SHA-256 is stored. */
final class Tickets {
    private Tickets() {
    }

    static String newTicket() {
        return UUID.randomUUID().toString();
    }

    static String hash(String ticket) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(ticket.trim().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
