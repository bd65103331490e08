package dev.ledgerbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledgerbridge.Main;
import dev.ledgerbridge.config.ConfigException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificatesTest {
    @TempDir
    Path dir;

    @Test
    void certCommandWritesACertificateForTheHostNameAndAKeyOnlyItsOwnerCanRead() throws Exception {
        // when
        int code = Main.run("cert", "--host", "qb.example.com", "--out", dir.resolve("qb.crt").toString(),
                "--data-dir", dir.toString());

        // then
        assertThat(code).isZero();
        Certificates.KeyAndChain kc = Certificates.readPem(dir.resolve("qb.crt"), dir.resolve("qb.key"));
        X509Certificate cert = kc.certificate();
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "qb.example.com"));
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getNotAfter().toInstant()).isBetween(Instant.now().plus(Duration.ofDays(364)),
                Instant.now().plus(Duration.ofDays(366)));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("qb.key"))))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void certForAnIpAddressIsRefusedBecauseTheWebConnectorRefusesThem() {
        assertThat(Main.run("cert", "--host", "192.168.1.20", "--out", dir.resolve("ip.crt").toString(),
                "--data-dir", dir.toString())).isEqualTo(1);
        assertThat(dir.resolve("ip.crt")).doesNotExist();
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefusedSayingSo() throws Exception {
        // given
        Instant now = Instant.now();
        Certificates.writePem(Certificates.selfSigned("a.example.com", now, now.plusSeconds(3600)),
                dir.resolve("a.crt"), dir.resolve("a.key"));
        Certificates.writePem(Certificates.selfSigned("b.example.com", now, now.plusSeconds(3600)),
                dir.resolve("b.crt"), dir.resolve("b.key"));

        // then
        assertThatThrownBy(() -> Certificates.readPem(dir.resolve("a.crt"), dir.resolve("b.key")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not belong to the certificate");
        assertThatThrownBy(() -> Certificates.readPem(dir.resolve("a.key"), dir.resolve("a.key")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("holds no PEM certificate");
    }
}
