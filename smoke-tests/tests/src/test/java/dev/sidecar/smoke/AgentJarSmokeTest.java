package dev.sidecar.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.ReceivedSpan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The agent jar as a command-line tool and as an archive. */
@DisplayName("The agent jar")
class AgentJarSmokeTest {

  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(30);
  private static final String LAUNCHER = "dev/sidecar/launcher/";
  private static final String BOOTSTRAP = "dev/sidecar/bootstrap/";
  private static final String HIDDEN = "sidecar-internal/";

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("--version prints the project version and exits 0")
  void version(JavaHome jdk) {
    AppProcess.Result result =
        AppProcess.builder("sidecar --version", jdk).jar(Artifacts.agentJar(), "--version").run(RUN_TIMEOUT);
    assertAll("java -jar sidecar-agent.jar --version",
        () -> assertEquals(0, result.exitCode(), result::output),
        () -> assertEquals(List.of("sidecar " + Artifacts.projectVersion()), result.stdout(), result::output));
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("--help explains -javaagent and exits 0")
  void help(JavaHome jdk) {
    AppProcess.Result result =
        AppProcess.builder("sidecar --help", jdk).jar(Artifacts.agentJar(), "--help").run(RUN_TIMEOUT);
    assertAll("java -jar sidecar-agent.jar --help",
        () -> assertEquals(0, result.exitCode(), result::output),
        () -> assertTrue(result.stdout().stream().anyMatch(line -> line.contains("-javaagent")), result::output));
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("starts and traces in a JVM that skips bytecode verification")
  void startsWithoutBytecodeVerification(JavaHome jdk) {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess app = AppProcess.builder("unverified-app", jdk)
            .option("-XX:+UnlockDiagnosticVMOptions")
            .option("-XX:-BytecodeVerificationRemote")
            .agentExportingTo("unverified-app", Spans.HTTP_PROTOBUF, receiver.httpEndpoint())
            .jar(Artifacts.demoAppJar(), "serve", "0")
            .start()) {
      assertEquals(200, Http.get(app, "/greeting?name=unverified").statusCode(), app::output);
      List<ReceivedSpan> received = Spans.await(receiver, Spans.TIMEOUT, "the server span",
          spans -> spans.stream().anyMatch(Spans.server("unverified-app", "/greeting", "name=unverified")), app);
      assertEquals(1, received.size(), () -> Spans.describe(received) + app.output());
      assertTrue(app.output().lines().noneMatch(line -> line.contains("could not start")), app::output);
    }
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("leaves the bootstrap class path alone: the app's classes still come from its class-data archive")
  void keepsTheApplicationsClassDataArchive(JavaHome jdk, @TempDir Path directory) {
    // A static archive (AppCDS): its application classes are what a grown bootstrap class path turns off.
    Path classList = directory.resolve("demo-app.classlist");
    Path archive = directory.resolve("demo-app.jsa");
    AppProcess.Result listed = AppProcess.builder("listing-app", jdk)
        .option("-XX:DumpLoadedClassList=" + classList)
        .jar(Artifacts.demoAppJar())
        .run(RUN_TIMEOUT);
    AppProcess.Result dumped = AppProcess.builder("archiving-app", jdk)
        .option("-Xshare:dump")
        .option("-XX:SharedClassListFile=" + classList)
        .option("-XX:SharedArchiveFile=" + archive)
        .jar(Artifacts.demoAppJar())
        .run(RUN_TIMEOUT);
    assertAll("the demo app's classes archived, without an agent",
        () -> assertEquals(0, listed.exitCode(), listed::output),
        () -> assertEquals(0, dumped.exitCode(), dumped::output),
        () -> assertTrue(Files.isRegularFile(archive), dumped::output));

    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      AppProcess.Result run = AppProcess.builder("archived-app", jdk)
          .option("-XX:SharedArchiveFile=" + archive)
          .option("-Xlog:class+load=info")
          .agentExportingTo("archived-app", Spans.HTTP_PROTOBUF, receiver.httpEndpoint())
          .jar(Artifacts.demoAppJar())
          .run(RUN_TIMEOUT);
      assertAll("the demo app with the agent and the archive",
          () -> assertEquals(0, run.exitCode(), run::output),
          () -> assertEquals(List.of(), run.stderr().stream()
              .filter(line -> line.contains("bootstrap classpath has been appended")).toList(), run::output),
          () -> assertTrue(run.stdout().stream().anyMatch(line ->
              line.contains(" dev.sidecar.demo.DemoApp source: shared objects file")), run::output),
          () -> assertTrue(run.stdout().stream().anyMatch(line ->
              line.contains(" dev.sidecar.bootstrap.SidecarHandle source: __JVM_DefineClass__")), run::output));
      Spans.await(receiver, Spans.TIMEOUT, "the demo's spans", spans -> !spans.isEmpty());
    }
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("loads no InheritableThreadLocal into an app that has none, exporting over either protocol")
  void loadsNoInheritableThreadLocal(JavaHome jdk) {
    // The class overrides ThreadLocal.getMap: once it is loaded, the JIT no longer binds that call in
    // ThreadLocal.get to one method, and every ThreadLocal.get of the app and the JDK pays for it.
    String loaded = " java.lang.InheritableThreadLocal source:";
    AppProcess.Result without = AppProcess.builder("demo-app", jdk)
        .option("-Xlog:class+load=info")
        .jar(Artifacts.demoAppJar())
        .run(RUN_TIMEOUT);
    assertEquals(0, without.exitCode(), without::output);
    assertTrue(without.stdout().stream().noneMatch(line -> line.contains(loaded)), without::output);
    for (String protocol : List.of(Spans.HTTP_PROTOBUF, Spans.GRPC)) {
      try (OtlpReceiver receiver = OtlpReceiver.start()) {
        AppProcess.Result with = AppProcess.builder("demo-app", jdk)
            .option("-Xlog:class+load=info")
            .agentExportingTo("demo-app", protocol,
                protocol.equals(Spans.GRPC) ? receiver.grpcEndpoint() : receiver.httpEndpoint())
            .jar(Artifacts.demoAppJar())
            .run(RUN_TIMEOUT);
        assertAll("the demo app with the agent, exporting over " + protocol,
            () -> assertEquals(0, with.exitCode(), with::output),
            () -> assertTrue(with.stdout().stream().noneMatch(line -> line.contains(loaded)), with::output));
        Spans.await(receiver, Spans.TIMEOUT, "the demo's spans over " + protocol, spans -> !spans.isEmpty());
      }
    }
  }

  @Test
  @DisplayName("shows only launcher and bootstrap classes; everything else is hidden under sidecar-internal/")
  void layout() throws IOException {
    try (JarFile jar = new JarFile(Artifacts.agentJar().toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(JarEntry::getName).toList();
      List<String> visibleElsewhere = names.stream()
          .filter(name -> name.endsWith(".class"))
          .filter(name -> !name.startsWith(LAUNCHER) && !name.startsWith(BOOTSTRAP))
          .toList();
      Attributes manifest = jar.getManifest().getMainAttributes();
      assertAll("entries of " + Artifacts.agentJar(),
          () -> assertEquals(List.of(), visibleElsewhere, ".class entries outside " + LAUNCHER + " and " + BOOTSTRAP),
          () -> assertTrue(names.stream().anyMatch(name -> name.startsWith(LAUNCHER) && name.endsWith(".class")),
              "launcher classes"),
          () -> assertTrue(names.stream().anyMatch(name -> name.startsWith(BOOTSTRAP) && name.endsWith(".class")),
              "bootstrap classes"),
          () -> assertTrue(hidden(names, "net/bytebuddy/"), "hidden Byte Buddy classes"),
          () -> assertTrue(hidden(names, "io/opentelemetry/sdk/"), "hidden OpenTelemetry SDK classes"),
          () -> assertTrue(names.contains(HIDDEN + "net/bytebuddy/ByteBuddy.classdata"), "hidden ByteBuddy"),
          () -> assertTrue(names.contains(HIDDEN + "io/opentelemetry/sdk/OpenTelemetrySdk.classdata"),
              "hidden OpenTelemetrySdk"),
          () -> assertLauncherClass(names, manifest.getValue("Premain-Class"), "Premain-Class"),
          () -> assertLauncherClass(names, manifest.getValue("Main-Class"), "Main-Class"));
    }
  }

  private static boolean hidden(List<String> names, String packagePath) {
    return names.stream().anyMatch(name -> name.startsWith(HIDDEN + packagePath) && name.endsWith(".classdata"));
  }

  private static void assertLauncherClass(List<String> names, String className, String attribute) {
    String entry = className == null ? null : className.replace('.', '/') + ".class";
    assertTrue(entry != null && entry.startsWith(LAUNCHER) && names.contains(entry),
        attribute + " " + className + " is a visible launcher class");
  }
}
