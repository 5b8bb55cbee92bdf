package dev.sidecar.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the attach commands say, in one line and with a non-zero exit, when they cannot do their job. */
@DisplayName("Attach commands that cannot proceed")
class AttachErrorsSmokeTest {

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("a pid that no process has")
  void noSuchPid(JavaHome jdk) {
    long pid = endedProcessPid(jdk);
    AppProcess.Result result = SidecarCli.run(jdk, "attach", pid);
    assertFailedWith(result, "sidecar: no process with pid " + pid + " (see: java -jar sidecar-agent.jar list)");
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("a JVM started with -javaagent already has Sidecar")
  void startedWithJavaagent(JavaHome jdk) {
    try (AppProcess app = AppProcess.builder("demo-app with -javaagent", jdk)
        .javaagent(Artifacts.agentJar()).property("otel.traces.exporter", "none").property("otel.logs.exporter", "none")
        .jar(Artifacts.demoAppJar(), "serve", "0").start()) {
      AppProcess.Result result = SidecarCli.run(jdk, "attach", app.pid());
      assertFailedWith(result, "sidecar: pid " + app.pid() + ": Sidecar " + Artifacts.projectVersion()
          + " is already running in this JVM (started with -javaagent); nothing attached");
      assertEquals(200, Http.get(app, "/greeting").statusCode());
    }
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("a JVM of another user")
  void anotherUsersJvm(JavaHome jdk) throws IOException {
    assumeTrue(OtherUser.available(), "needs root, " + OtherUser.RUNUSER + " and the user " + OtherUser.NAME);
    Path agentJar = OtherUser.readableCopy(Artifacts.agentJar());
    try (AppProcess app = AppProcess.builder("demo-app of root", jdk).jar(Artifacts.demoAppJar(), "serve", "0").start()) {
      AppProcess.Result result = AppProcess.builder("sidecar attach as " + OtherUser.NAME, jdk)
          .asUser(OtherUser.NAME).jar(agentJar, "attach", String.valueOf(app.pid())).run(Duration.ofSeconds(60));
      assertFailedWith(result, "sidecar: pid " + app.pid() + " runs as user root, not " + OtherUser.NAME
          + "; a JVM accepts attach only from its own user, so run this command as root");
      // list shows only the JVMs the user can attach to.
      AppProcess.Result list = AppProcess.builder("sidecar list as " + OtherUser.NAME, jdk)
          .asUser(OtherUser.NAME).jar(agentJar, "list").run(Duration.ofSeconds(60));
      assertEquals(0, list.exitCode(), list::output);
      assertTrue(list.stdout().stream().noneMatch(line -> line.startsWith(app.pid() + " ")), list::output);
      assertEquals(200, Http.get(app, "/greeting").statusCode());
    }
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("a JVM started with -XX:+DisableAttachMechanism")
  void attachDisabled(JavaHome jdk) {
    try (AppProcess app = AppProcess.builder("demo-app, attach disabled", jdk)
        .option("-XX:+DisableAttachMechanism").jar(Artifacts.demoAppJar(), "serve", "0").start()) {
      AppProcess.Result result = SidecarCli.run(jdk, "attach", app.pid());
      assertFailedWith(result, "sidecar: pid " + app.pid()
          + " does not accept attach (started with -XX:+DisableAttachMechanism); nothing attached");
      assertEquals(200, Http.get(app, "/greeting").statusCode());
    }
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("a Java runtime without the jdk.attach module")
  void runtimeWithoutAttachModule(JavaHome jdk) {
    AppProcess.Result result = AppProcess.builder("sidecar list without jdk.attach", jdk)
        .option("--limit-modules").option("java.base,java.instrument")
        .jar(Artifacts.agentJar(), "list").run(Duration.ofSeconds(30));
    assertFailedWith(result, "sidecar: this Java runtime (" + jdk.home()
        + ") has no jdk.attach module; run the command with the java of a full JDK");
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("a pid that is not a number, and a setting that is not key=value")
  void badArguments(JavaHome jdk) {
    AppProcess.Result pid = SidecarCli.run(jdk, "status", "shop");
    assertAll("status shop",
        () -> assertEquals(2, pid.exitCode(), pid::output),
        () -> assertEquals(List.of("sidecar: invalid pid 'shop' (expected a process id, as 'list' shows); run with"
            + " --help for usage"), pid.stderr(), pid::output));
    AppProcess.Result setting = SidecarCli.run(jdk, "config", ProcessHandle.current().pid(), "sampler");
    assertAll("config PID sampler",
        () -> assertEquals(2, setting.exitCode(), setting::output),
        () -> assertEquals(List.of("sidecar: invalid setting 'sampler' (expected key=value); run with --help for"
            + " usage"), setting.stderr(), setting::output));
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("--help lists every command")
  void helpListsCommands(JavaHome jdk) {
    AppProcess.Result result = SidecarCli.run(jdk, "--help");
    assertEquals(0, result.exitCode(), result::output);
    for (String command : List.of("list", "attach PID", "status PID", "config PID", "detach PID")) {
      assertTrue(result.stdout().stream().anyMatch(line -> line.contains("sidecar-agent.jar " + command)),
          () -> command + " missing" + result.output());
    }
  }

  private static void assertFailedWith(AppProcess.Result result, String line) {
    assertAll(result.output(),
        () -> assertEquals(1, result.exitCode(), result::output),
        () -> assertEquals(List.of(line), result.stderr(), result::output),
        () -> assertEquals(List.of(), result.stdout(), result::output));
  }

  /** The pid of a process that has ended; pids are not handed out again that soon. */
  private static long endedProcessPid(JavaHome jdk) {
    try {
      Process process = new ProcessBuilder(jdk.java().toString(), "-version")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      process.waitFor();
      return process.pid();
    } catch (Exception e) {
      throw new AssertionError("could not run java -version", e);
    }
  }
}
