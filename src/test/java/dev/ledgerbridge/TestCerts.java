package dev.ledgerbridge;

import dev.ledgerbridge.config.Setting;
import dev.ledgerbridge.ops.Certificates;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Self-signed certificates written as PEM files, and TLS clients that trust exactly one of them. */
public final class TestCerts {
    private TestCerts() {
    }

    /** A certificate for {@code host} and its key, as files in {@code dir}. */
    public record Pem(X509Certificate certificate, Path certFile, Path keyFile) {
        /** The settings that make the server serve this certificate on a free HTTPS port. */
        public Map<Setting, String> settings() {
            Map<Setting, String> m = new EnumMap<>(Setting.class);
            m.put(Setting.HTTPS_CERT_PEM, certFile.toString());
            m.put(Setting.HTTPS_KEY_PEM, keyFile.toString());
            m.put(Setting.HTTPS_PORT, "0");
            return m;
        }
    }

    public static Pem valid(Path dir, String host) throws Exception {
        Instant now = Instant.now();
        return write(dir, host, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    public static Pem write(Path dir, String host, Instant notBefore, Instant notAfter) throws Exception {
        Certificates.KeyAndChain kc = Certificates.selfSigned(host, notBefore, notAfter);
        String name = host + "-" + kc.certificate().getSerialNumber().toString(16);
        Path cert = dir.resolve(name + ".crt");
        Path key = dir.resolve(name + ".key");
        Certificates.writePem(kc, cert, key);
        return new Pem(kc.certificate(), cert, key);
    }

    /** A TLS context that trusts {@code cert} and nothing else, as a PC that imported it into its root store. */
    public static SSLContext trusting(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
