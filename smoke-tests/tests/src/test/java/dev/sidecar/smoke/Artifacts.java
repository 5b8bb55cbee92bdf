package dev.sidecar.smoke;

import java.nio.file.Files;
import java.nio.file.Path;

/** The built jars under test and the versions they must report, as passed by surefire (see this module's pom). */
final class Artifacts {

  private Artifacts() {}

  static Path agentJar() {
    return file("sidecar.smoke.agentJar");
  }

  static Path demoAppJar() {
    return file("sidecar.smoke.demoAppJar");
  }

  static Path isolationAppJar() {
    return file("sidecar.smoke.isolationAppJar");
  }

  /** The petclinic-like Spring Boot app, an executable Spring Boot jar. */
  static Path springBootAppJar() {
    return file("sidecar.smoke.springBootAppJar");
  }

  /** The project version, which {@code sidecar-agent.jar --version} prints. */
  static String projectVersion() {
    return property("sidecar.smoke.version");
  }

  /** The OpenTelemetry SDK version the isolation app bundles ({@code app.opentelemetry.version}). */
  static String appOpenTelemetryVersion() {
    return property("sidecar.smoke.appOpenTelemetryVersion");
  }

  /** The OkHttp version the isolation app bundles ({@code app.okhttp.version}). */
  static String appOkHttpVersion() {
    return property("sidecar.smoke.appOkHttpVersion");
  }

  private static String property(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "System property " + key + " is not set: run the smoke tests through Maven (smoke-tests/tests/pom.xml)");
    }
    return value;
  }

  private static Path file(String key) {
    Path path = Path.of(property(key)).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(key + " = " + path + " does not exist; build it first, e.g. "
          + "mvn install -DskipTests -pl agent,smoke-tests/demo-app,smoke-tests/isolation-app,smoke-tests/spring-boot-app"
          + " -am");
    }
    return path;
  }
}
