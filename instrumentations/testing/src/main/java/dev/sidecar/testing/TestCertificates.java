package dev.sidecar.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A private CA, a server certificate for 127.0.0.1 and a client certificate, made at run time
 * with the JDK's {@code keytool}, in a directory removed on {@link #close()}. The CA certificate,
 * client certificate and client key are also written as PEM files: what OpenTelemetry's
 * {@code otel.exporter.otlp.certificate}, {@code .client.certificate} and {@code .client.key} take.
 */
public final class TestCertificates implements AutoCloseable {
  private static final String PASSWORD = "changeit";

  private final Path directory;

  private TestCertificates(Path directory) {
    this.directory = directory;
  }

  public static TestCertificates create() {
    Path directory;
    try {
      directory = Files.createTempDirectory("sidecar-tls");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestCertificates certificates = new TestCertificates(directory);
    try {
      certificates.generate();
      return certificates;
    } catch (RuntimeException | Error e) {
      certificates.close();
      throw e;
    }
  }

  /** The CA's certificate, PEM: what a client trusts. */
  public Path caCertificate() {
    return directory.resolve("ca.pem");
  }

  public Path clientCertificate() {
    return directory.resolve("client.pem");
  }

  /** The client's private key, PKCS#8 PEM. */
  public Path clientKey() {
    return directory.resolve("client-key.pem");
  }

  /** A server context with the server certificate, trusting only the CA (for client certificates). */
  public SSLContext serverContext() {
    try {
      KeyStore server = load("server.p12");
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(server, PASSWORD.toCharArray());
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("ca", load("ca.p12").getCertificate("ca"));
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot build the server's TLS context", e);
    }
  }

  @Override
  public void close() {
    TempDirectories.delete(directory);
  }

  private void generate() {
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=Sidecar Test CA",
        "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
    signed("server", "CN=127.0.0.1", "san=ip:127.0.0.1,dns:localhost");
    signed("client", "CN=sidecar-agent", "eku=clientAuth");
    try {
      PrivateKey key = (PrivateKey) load("client.p12").getKey("client", PASSWORD.toCharArray());
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
      Files.writeString(clientKey(), pem, StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Cannot write the client key", e);
    }
  }

  /** A key pair in {@code name}.p12 whose certificate ({@code name}.pem) the CA signed. */
  private void signed(String name, String subject, String extension) {
    keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", subject,
        "-validity", "2", "-keystore", name + ".p12");
    keytool("-certreq", "-alias", name, "-keystore", name + ".p12", "-file", name + ".csr");
    keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr",
        "-outfile", name + ".pem", "-ext", extension, "-validity", "2");
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", name + ".p12");
    keytool("-importcert", "-noprompt", "-alias", name, "-file", name + ".pem", "-keystore", name + ".p12");
  }

  private KeyStore load(String file) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(directory.resolve(file))) {
      store.load(in, PASSWORD.toCharArray());
    }
    return store;
  }

  private void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    if (List.of(args).contains("-genkeypair")) {
      command.addAll(List.of("-keypass", PASSWORD));
    }
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool failed: " + command + "\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
