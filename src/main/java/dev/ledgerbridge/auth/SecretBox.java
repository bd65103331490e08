package dev.ledgerbridge.auth;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.ibatis.session.SqlSession;

/**
 * Encrypts the secrets staff enter (gateway keys, webhook signing secrets) before they are stored: AES-256-GCM with a
 * random 96-bit nonce per value, stored as {@code v1:} + base64(nonce, ciphertext and tag). The key is never in the
 * database: it is secrets.key (LEDGERBRIDGE_SECRETS_KEY, base64 of 32 bytes) or, when that is empty, the file
 * secrets.key in the data dir, created on first use readable by the server's user only. Neither the key nor a value
 * it opens is ever logged.
 */
public final class SecretBox {
    public static final String KEY_FILE = "secrets.key";
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PROBE = "ledgerbridge secrets probe";

    private final SecretKeySpec key;
    private final String source;

    private SecretBox(byte[] key, String source) {
        if (key.length != 32) {
            throw new IllegalArgumentException("The secrets key from " + source + " must be 32 bytes (base64 of 32"
                    + " random bytes, e.g. from `openssl rand -base64 32`); it has " + key.length + ".");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.source = source;
    }

    /**
     * The key of this configuration: secrets.key when set, else the data dir's key file (created when absent).
     * Throws IllegalArgumentException, saying what to set, for a key that is not base64 of 32 bytes.
     */
    public static SecretBox of(Config config) {
        String configured = config.get(Setting.SECRETS_KEY).trim();
        if (!configured.isEmpty()) {
            return new SecretBox(decode(configured, Setting.SECRETS_KEY.environmentVariable()),
                    Setting.SECRETS_KEY.environmentVariable() + " (" + Setting.SECRETS_KEY.key() + ")");
        }
        Path file = config.dataDir().resolve(KEY_FILE);
        return new SecretBox(decode(readOrCreate(file), file.toString()), "the key file " + file);
    }

    /** A box over a given key (base64 of 32 bytes). */
    public static SecretBox ofKey(String base64) {
        return new SecretBox(decode(base64, "the given key"), "the given key");
    }

    /** Where the key came from, for messages (never the key itself). */
    public String source() {
        return source;
    }

    private static byte[] decode(String base64, String where) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The secrets key in " + where + " is not base64: give 32 random bytes"
                    + " in base64, e.g. from `openssl rand -base64 32`.", e);
        }
    }

    private static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] k = new byte[32];
                RANDOM.nextBytes(k);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path tmp = file.resolveSibling(KEY_FILE + ".tmp");
                Files.deleteIfExists(tmp);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(tmp);
                }
                Files.writeString(tmp, Base64.getEncoder().encodeToString(k) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.move(tmp, file); // never replaces a key another process made meanwhile
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(tmp);
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("The secrets key file " + file + " cannot be read or created: " + e.getMessage()
                    + " (or give the key in " + Setting.SECRETS_KEY.environmentVariable() + ")", e);
        }
    }

    /** The value encrypted under a fresh nonce. */
    public String seal(String plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The value a {@link #seal} made with this key; throws {@link WrongKey} when another key made it. */
    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new WrongKey("not a value sealed by Ledgerbridge");
        }
        try {
            byte[] all = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
            return new String(c.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new WrongKey("a stored secret cannot be decrypted with " + source);
        }
    }

    /**
     * Proves at start that this key reads what earlier servers stored: opens the database's probe value (stored by
     * the first server that checked). Throws {@link WrongKey}, saying what to do, when another key sealed it, so a
     * server with the wrong key stops instead of failing on every payment.
     */
    public void verify(Database db, Clock clock) {
        // instances starting at once: one probe wins (on Galera the other's insert fails certification, and the unit
        // of work runs again to read the winner's)
        String stored = db.transaction(s -> {
            SecretProbeMapper m = s.getMapper(SecretProbeMapper.class);
            m.insertProbe(seal(PROBE), clock.instant());
            s.commit();
            return m.probe();
        });
        String opened;
        try {
            opened = open(stored);
        } catch (WrongKey e) {
            opened = null;
        }
        if (!PROBE.equals(opened)) {
            throw new WrongKey("The secrets stored in this database were encrypted with another key than " + source
                    + ". Give this server the key the others use (" + Setting.SECRETS_KEY.environmentVariable()
                    + ", or the same " + KEY_FILE + " in its data dir); a new key cannot read the gateway secrets"
                    + " already saved.");
        }
    }

    /** Stored secrets were encrypted with another key. */
    public static final class WrongKey extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrongKey(String message) {
            super(message);
        }
    }

    /** The last four characters of a secret, the only part of it ever shown again. */
    public static String last4(String secret) {
        return secret == null || secret.length() < 8 ? "" : secret.substring(secret.length() - 4);
    }

    @Override
    public String toString() {
        return "SecretBox[" + source + "]";
    }
}
