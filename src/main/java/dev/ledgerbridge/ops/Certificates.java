package dev.ledgerbridge.ops;

import dev.ledgerbridge.config.Config;
import dev.ledgerbridge.config.ConfigException;
import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.db.OwnerOnly;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The server's TLS certificate: read from a PKCS12 keystore or a PEM certificate and key (settings https.*), or
 * made self-signed for a host name by the {@code cert} command for evaluation.
 */
public final class Certificates {
    /** The alias of the key entry in a keystore built from PEM files. */
    static final String ALIAS = "ledgerbridge";

    private Certificates() {
    }

    /** A private key with its certificate chain (the server's own certificate first). */
    public record KeyAndChain(PrivateKey key, List<X509Certificate> chain) {
        public X509Certificate certificate() {
            return chain.get(0);
        }
    }

    /** A loaded keystore and the password of it and its key. */
    public record Tls(KeyStore keyStore, String password) {
    }

    /**
     * A self-signed certificate for {@code host} (in the subject alternative names, as clients check) valid from
     * {@code notBefore} to {@code notAfter}, on a new RSA 2048 key; for evaluation, not for production.
     */
    public static KeyAndChain selfSigned(String host, Instant notBefore, Instant notAfter) {
        String name = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (!name.matches("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
            throw new IllegalArgumentException("'" + host + "' is not a host name such as qb.example.com");
        }
        if (name.matches("[0-9.]+")) {
            throw new IllegalArgumentException("the Web Connector refuses IP addresses; make the certificate for the"
                    + " host name it will use, e.g. qb.example.com");
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048, new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            X500Name subject = new X500Name("CN=" + name + ",O=Ledgerbridge (self-signed for evaluation)");
            BigInteger serial = new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            return new KeyAndChain(pair.getPrivate(), List.of(cert));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a certificate: " + e.getMessage(), e);
        }
    }

    /** Writes the certificate chain to {@code certFile} and the key to {@code keyFile} (owner-only), as PEM. */
    public static void writePem(KeyAndChain kc, Path certFile, Path keyFile) throws IOException {
        StringWriter certs = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(certs)) {
            for (X509Certificate c : kc.chain()) {
                w.writeObject(c);
            }
        }
        StringWriter key = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(key)) {
            w.writeObject(PrivateKeyInfo.getInstance(kc.key().getEncoded()));
        }
        writeFile(keyFile, key.toString(), true);
        writeFile(certFile, certs.toString(), false);
    }

    private static void writeFile(Path file, String text, boolean ownerOnly) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".ledgerbridge-", ".tmp");
        try {
            if (ownerOnly) {
                OwnerOnly.restrict(tmp);
            }
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The keystore of the configuration (HTTPS must be configured); ConfigException says what is wrong. */
    public static Tls load(Config config) {
        if (!config.get(Setting.HTTPS_KEYSTORE).isEmpty()) {
            Path file = Path.of(config.get(Setting.HTTPS_KEYSTORE));
            String password = config.get(Setting.HTTPS_KEYSTORE_PASSWORD);
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password.toCharArray());
                keyAndChain(ks, password);
                return new Tls(ks, password);
            } catch (IOException | GeneralSecurityException | IllegalStateException e) {
                throw new ConfigException("cannot read the keystore " + file.toAbsolutePath() + " ("
                        + Setting.HTTPS_KEYSTORE.key() + "): " + e.getMessage() + ". Check the file and "
                        + Setting.HTTPS_KEYSTORE_PASSWORD.key() + ".");
            }
        }
        KeyAndChain kc = readPem(Path.of(config.get(Setting.HTTPS_CERT_PEM)), Path.of(config.get(Setting.HTTPS_KEY_PEM)));
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, kc.key(), password.toCharArray(), kc.chain().toArray(Certificate[]::new));
            return new Tls(ks, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot use the certificate " + config.get(Setting.HTTPS_CERT_PEM) + " with its key: "
                    + e.getMessage());
        }
    }

    /** The first key entry of a keystore with its chain. */
    public static KeyAndChain keyAndChain(KeyStore ks, String password) throws GeneralSecurityException {
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias)) {
                PrivateKey key = (PrivateKey) ks.getKey(alias, password.toCharArray());
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : ks.getCertificateChain(alias)) {
                    chain.add((X509Certificate) c);
                }
                return new KeyAndChain(key, chain);
            }
        }
        throw new IllegalStateException("it holds no private key with a certificate");
    }

    /** Reads a PEM certificate chain and its private key; ConfigException names the file and the fix. */
    public static KeyAndChain readPem(Path certFile, Path keyFile) {
        List<X509Certificate> chain = new ArrayList<>();
        try (Reader r = Files.newBufferedReader(certFile, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h) {
                    chain.add(conv.getCertificate(h));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot read the certificate " + certFile.toAbsolutePath() + " ("
                    + Setting.HTTPS_CERT_PEM.key() + "): " + e.getMessage());
        }
        if (chain.isEmpty()) {
            throw new ConfigException(certFile.toAbsolutePath() + " (" + Setting.HTTPS_CERT_PEM.key()
                    + ") holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        PrivateKey key = null;
        try (Reader r = Files.newBufferedReader(keyFile, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            for (Object o = p.readObject(); o != null && key == null; o = p.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    key = conv.getPrivateKey(info);
                } else if (o instanceof PEMKeyPair pair) {
                    key = conv.getKeyPair(pair).getPrivate();
                } else if (o instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new ConfigException(keyFile.toAbsolutePath() + " (" + Setting.HTTPS_KEY_PEM.key() + ") is"
                            + " encrypted; write it out unencrypted (openssl pkey -in KEY -out plain.key), readable by"
                            + " the server's user only, or use a PKCS12 keystore (https.keystore) instead");
                }
            }
        } catch (PEMException e) {
            throw new ConfigException("cannot read the private key " + keyFile.toAbsolutePath() + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException("cannot read the private key " + keyFile.toAbsolutePath() + " ("
                    + Setting.HTTPS_KEY_PEM.key() + "): " + e.getMessage());
        }
        if (key == null) {
            throw new ConfigException(keyFile.toAbsolutePath() + " (" + Setting.HTTPS_KEY_PEM.key()
                    + ") holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        byte[] publicKey = publicOf(key);
        if (publicKey != null && !Arrays.equals(publicKey, chain.get(0).getPublicKey().getEncoded())) {
            throw new ConfigException("the private key " + keyFile.toAbsolutePath() + " does not belong to the certificate "
                    + certFile.toAbsolutePath() + " (the first certificate must be the server's own)");
        }
        return new KeyAndChain(key, List.copyOf(chain));
    }

    /** The encoded public key of an RSA private key, to check it pairs with the certificate; null for other keys. */
    private static byte[] publicOf(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            return null;
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(),
                    rsa.getPublicExponent())).getEncoded();
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
