package io.deidq.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed TLS identities made at test time with the JDK's keytool (the JDK has no public API
 * to sign a certificate): a PKCS12 key store each, trust stores built from their certificates,
 * and the PEM files dcmtk reads.
 */
final class TestCertificates {

    static final char[] PASSWORD = "changeit".toCharArray();

    /** A key pair and its certificate, as a PKCS12 key store and as PEM files. */
    record Identity(String name, Path keyStore, Path privateKeyPem, Path certificatePem, Certificate certificate) {
    }

    private static final Map<String, Identity> IDENTITIES = new HashMap<>();
    private static Path dir;

    private TestCertificates() {
    }

    static synchronized Identity identity(String name) {
        return IDENTITIES.computeIfAbsent(name, TestCertificates::generate);
    }

    /** A trust store holding the certificates of {@code trusted}, and nothing else. */
    static synchronized Path trustStore(Identity... trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            StringBuilder name = new StringBuilder("trust");
            for (Identity identity : trusted) {
                store.setCertificateEntry(identity.name(), identity.certificate());
                name.append('-').append(identity.name());
            }
            Path file = dir().resolve(name + ".p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store", e);
        }
    }

    private static Identity generate(String name) {
        try {
            Path keyStore = dir().resolve(name + ".p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048",
                    "-sigalg", "SHA256withRSA", "-dname", "CN=" + name + ", O=deidq tests", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD), "-noprompt"))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed for " + name + ": " + output);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, PASSWORD);
            }
            Key key = store.getKey(name, PASSWORD);
            Certificate certificate = store.getCertificate(name);
            Path keyPem = dir().resolve(name + "-key.pem");
            Path certificatePem = dir().resolve(name + "-cert.pem");
            Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
            Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
            return new Identity(name, keyStore, keyPem, certificatePem, certificate);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key store keytool made for " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static Path dir() throws IOException {
        if (dir == null) {
            Files.createDirectories(Path.of("target"));
            dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "tls-");
        }
        return dir;
    }
}
