package dev.sidecar.smoke;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.Poll;
import dev.sidecar.testing.ReceivedLog;
import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A demo app started without the agent, kept busy by client threads, gets Sidecar by attach; then it is
 * inspected, reconfigured, detached and attached again, all while it serves: not one request may fail or stall.
 */
@DisplayName("Attach to a running JVM")
class AttachSmokeTest {
  private static final String SERVICE = "attached-shop";
  private static final String HEADER_VALUE = "s3cret-token-value";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("attach, status, config, detach and attach again under load, with no failed request")
  void attachOperateDetachUnderLoad(JavaHome jdk, @TempDir Path directory) throws IOException {
    Path configFile = directory.resolve("sidecar.properties");
    Files.writeString(configFile, "otel.service.name=" + SERVICE + "\notel.bsp.schedule.delay=100\n"
        + "otel.blrp.schedule.delay=100\n");
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess app = AppProcess.builder("demo-app", jdk).jar(Artifacts.demoAppJar(), "serve", "0").start();
        Load load = Load.start(app, 3)) {
      long pid = app.pid();
      Supplier<String> context = () -> Spans.describe(receiver.spans()) + app.output();
      Poll.until(TIMEOUT, load::succeeded, done -> done >= 50, "requests served before attach");
      assertEquals(List.of(), receiver.spans(), "nothing is traced before attach");

      load.takeSlowest();
      AppProcess.Result attach = SidecarCli.run(jdk, "attach", pid, "--config-file", configFile,
          "-Dotel.exporter.otlp.endpoint=" + receiver.httpEndpoint(), "-Dotel.exporter.otlp.protocol=http/protobuf",
          "-Dotel.exporter.otlp.headers=x-api-key=" + HEADER_VALUE);
      assertEquals(0, attach.exitCode(), attach::output);
      assertTrue(attach.stdout().get(0).startsWith("pid " + pid + ": Sidecar " + Artifacts.projectVersion()
          + " attached: "), attach::output);
      Duration slowestDuringAttach = load.takeSlowest();
      Spans.await(receiver, TIMEOUT, "load spans after attach", spans -> spans.stream().anyMatch(load()), app);
      assertTrue(receiver.spans().stream().allMatch(span -> SERVICE.equals(span.serviceName())), context);

      AppProcess.Result second = SidecarCli.run(jdk, "attach", pid);
      assertAll("a second attach is refused",
          () -> assertEquals(1, second.exitCode(), second::output),
          () -> assertEquals(List.of("sidecar: pid " + pid + ": Sidecar " + Artifacts.projectVersion()
              + " is already running in this JVM (started by attach); nothing attached, detach it first to attach"
              + " anew"), second.stderr(), second::output));

      AppProcess.Result listed = SidecarCli.run(jdk, "list");
      assertTrue(listed.stdout().stream().anyMatch(line -> line.matches(pid + "\\s+"
          + Artifacts.projectVersion().replace(".", "\\.") + "\\s+.*demo-app\\.jar")), listed::output);

      // Sampler off: the load goes on untraced; what was captured drains and matches what arrived exactly.
      AppProcess.Result samplerOff = SidecarCli.run(jdk, "config", pid, "otel.traces.sampler=traceidratio",
          "otel.traces.sampler.arg=0");
      assertEquals(0, samplerOff.exitCode(), samplerOff::output);
      Map<String, String> drained = Poll.until(TIMEOUT, () -> SidecarCli.status(jdk, pid),
          status -> status.get("spans.queued").equals("0")
              && SidecarCli.number(status, "spans.exported") == receiver.spans().size(),
          "every captured span exported and received");
      long served = load.succeeded();
      Poll.until(TIMEOUT, load::succeeded, done -> done >= served + 100, "100 more requests served");
      Map<String, String> status = SidecarCli.status(jdk, pid);
      assertAll("status after the sampler went to 0",
          () -> assertEquals(drained.get("spans.captured"), status.get("spans.captured"), "no new span captured"),
          () -> assertEquals(SidecarCli.number(status, "spans.exported"), receiver.spans().size(), context),
          () -> assertTrue(SidecarCli.number(status, "spans.exported") > 0, status::toString),
          () -> assertEquals(Artifacts.projectVersion(), status.get("version")),
          () -> assertEquals("attach", status.get("started_by")),
          () -> assertEquals("0", status.get("spans.failed")),
          () -> assertEquals("0", status.get("spans.dropped")),
          () -> assertEquals("", status.get("spans.last_error")),
          () -> assertEquals("otlp", status.get("exporter")),
          () -> assertEquals("http/protobuf", status.get("exporter.protocol")),
          () -> assertEquals(receiver.httpEndpoint(), status.get("exporter.endpoint")),
          () -> assertEquals("x-api-key", status.get("exporter.headers")),
          () -> assertEquals("traceidratio(0.0)", status.get("sampler")),
          () -> assertTrue(status.get("instrumentations").contains("java-http-server"), status::toString),
          () -> assertTrue(SidecarCli.number(status, "classes_transformed") > 0, status::toString),
          () -> assertEquals("0", status.get("agent_errors")),
          () -> assertFalse(status.toString().contains(HEADER_VALUE), status::toString));
      AppProcess.Result json = SidecarCli.run(jdk, "status", pid, "--json");
      assertAll("status --json",
          () -> assertEquals(0, json.exitCode(), json::output),
          () -> assertEquals(1, json.stdout().size(), json::output),
          () -> assertTrue(json.stdout().get(0).startsWith("{\"pid\":" + pid + ",\"version\":\""
              + Artifacts.projectVersion() + "\",\"started_by\":\"attach\","), json::output),
          () -> assertTrue(json.stdout().get(0).contains("\"spans.exported\":" + receiver.spans().size() + ","),
              json::output),
          () -> assertTrue(json.stdout().get(0).contains("\"exporter.endpoint\":\"" + receiver.httpEndpoint() + "\""),
              json::output),
          () -> assertFalse(json.stdout().get(0).contains(HEADER_VALUE), json::output));

      // Minimum severity WARN: the INFO line of a greeting is no longer captured, the SEVERE one of /fail is.
      AppProcess.Result severity = SidecarCli.run(jdk, "config", pid, "sidecar.logs.minimum-severity=WARN");
      assertEquals(0, severity.exitCode(), severity::output);
      assertEquals(200, Http.get(app, "/greeting?name=below-warn").statusCode());
      assertEquals(500, Http.get(app, "/fail").statusCode());
      receiver.awaitLogs(logs -> logs.stream().anyMatch(log -> log.body().equals("failing on purpose")), TIMEOUT);
      assertEquals(List.of(), receiver.logs().stream().map(ReceivedLog::body)
          .filter(body -> body.equals("greeting below-warn")).toList(), context);

      AppProcess.Result invalid = SidecarCli.run(jdk, "config", pid, "otel.traces.sampler.arg=2");
      assertAll("an invalid value is refused",
          () -> assertEquals(1, invalid.exitCode(), invalid::output),
          () -> assertEquals(List.of("sidecar: pid " + pid + ": invalid value for otel.traces.sampler.arg: '2'"
              + " (expected a ratio from 0 to 1); nothing changed"), invalid.stderr(), invalid::output));

      // The server instrumentation off, with every span sampled: still nothing captured.
      AppProcess.Result serverOff = SidecarCli.run(jdk, "config", pid, "otel.traces.sampler=always_on",
          "otel.instrumentation.java-http-server.enabled=false");
      assertEquals(0, serverOff.exitCode(), serverOff::output);
      long capturedBefore = SidecarCli.number(SidecarCli.status(jdk, pid), "spans.captured");
      long servedOff = load.succeeded();
      Poll.until(TIMEOUT, load::succeeded, done -> done >= servedOff + 100, "100 requests served, untraced");
      Map<String, String> serverOffStatus = SidecarCli.status(jdk, pid);
      assertEquals(capturedBefore, SidecarCli.number(serverOffStatus, "spans.captured"), serverOffStatus::toString);
      assertFalse(serverOffStatus.get("instrumentations").contains("java-http-server"), serverOffStatus::toString);
      AppProcess.Result serverOn = SidecarCli.run(jdk, "config", pid, "otel.instrumentation.java-http-server.enabled=true");
      assertEquals(0, serverOn.exitCode(), serverOn::output);
      assertEquals(200, Http.get(app, "/greeting?name=server-on-again").statusCode());
      Spans.await(receiver, TIMEOUT, "a span once the server instrumentation is on again",
          spans -> spans.stream().anyMatch(query("name=server-on-again")), app);

      load.takeSlowest();
      AppProcess.Result detach = SidecarCli.run(jdk, "detach", pid);
      Duration slowestDuringDetach = load.takeSlowest();
      assertEquals(0, detach.exitCode(), detach::output);
      assertTrue(detach.stdout().get(0).startsWith("pid " + pid + ": Sidecar " + Artifacts.projectVersion()
          + " detached: "), detach::output);
      int receivedAtDetach = receiver.spans().size();
      for (int i = 0; i < 20; i++) {
        assertEquals(200, Http.get(app, "/greeting?name=after-detach").statusCode(), app::output);
      }
      AppProcess.Result gone = SidecarCli.run(jdk, "status", pid);
      assertAll("no sidecar after detach",
          () -> assertEquals(1, gone.exitCode(), gone::output),
          () -> assertEquals(List.of("sidecar: pid " + pid + ": no Sidecar is running in this JVM; nothing to status"
              + " (attach one first)"), gone.stderr(), gone::output));
      assertEquals(receivedAtDetach, receiver.spans().size(), context);

      AppProcess.Result again = SidecarCli.run(jdk, "attach", pid, "--config-file", configFile,
          "-Dotel.exporter.otlp.endpoint=" + receiver.httpEndpoint());
      assertEquals(0, again.exitCode(), again::output);
      assertEquals(200, Http.get(app, "/greeting?name=attached-again").statusCode());
      Spans.await(receiver, TIMEOUT, "a span after the second attach",
          spans -> spans.stream().anyMatch(query("name=attached-again")), app);
      assertEquals(List.of(), receiver.spans().stream().filter(query("name=after-detach")).toList(), context);
      Map<String, String> reattached = SidecarCli.status(jdk, pid);
      assertEquals("parentbased(traceidratio(1.0))", reattached.get("sampler"), reattached::toString);

      load.stop();
      assertAll("the application served throughout",
          () -> assertEquals(List.of(), load.failures(), app::output),
          () -> assertEquals(List.of(), app.lines().stream().filter(line -> line.contains("[sidecar]")).toList(),
              app::output));
      System.out.printf("attach under load on %s: %d requests, none failed; slowest during attach %d ms, during"
          + " detach %d ms%n", jdk, load.succeeded(), slowestDuringAttach.toMillis(), slowestDuringDetach.toMillis());
    }
  }

  private static Predicate<ReceivedSpan> load() {
    return query("name=load");
  }

  private static Predicate<ReceivedSpan> query(String query) {
    return span -> span.kind() == SpanKind.SPAN_KIND_SERVER && query.equals(span.attribute("url.query"));
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("a detached sidecar leaves nothing behind: its class loader is collected")
  void detachLeavesNothingBehind(JavaHome jdk) {
    // On JDK 25 the JVM keeps the detached loader although a heap dump shows no path to it from any
    // root, strong or soft: a known limit of detach there, stated in the README.
    assumeTrue(jdk.version().replace("\"", "").startsWith("17"), "checked on JDK 17");
    // Console exporters: the OTLP exporter's HTTP client keeps idle threads for a minute after it closes.
    try (AppProcess app = AppProcess.builder("demo-app", jdk).jar(Artifacts.demoAppJar(), "serve", "0").start()) {
      long pid = app.pid();
      AppProcess.Result attach = SidecarCli.run(jdk, "attach", pid, "-Dotel.traces.exporter=console",
          "-Dotel.logs.exporter=console", "-Dotel.bsp.schedule.delay=100", "-Dotel.blrp.schedule.delay=100");
      assertEquals(0, attach.exitCode(), attach::output);
      assertEquals(1, sidecarClassLoadersAfterGc(jdk, pid).size(), "one sidecar class loader while attached");
      assertEquals(200, Http.get(app, "/greeting?name=before-detach").statusCode(), app::output);
      Poll.until(TIMEOUT, app::lines, lines -> lines.stream().anyMatch(line -> line.contains("log INFO 'greeting before-detach'")),
          "the console exporter printing the greeting's log record");

      AppProcess.Result detach = SidecarCli.run(jdk, "detach", pid);
      assertEquals(0, detach.exitCode(), detach::output);
      Poll.until(TIMEOUT, () -> sidecarClassLoadersAfterGc(jdk, pid), List::isEmpty,
          "no sidecar class loader left after detach");
      assertEquals(200, Http.get(app, "/greeting?name=after-detach").statusCode(), app::output);
    }
  }

  /** The sidecar class loaders {@code jcmd VM.classloaders} lists after {@code jcmd GC.run}. */
  private static List<String> sidecarClassLoadersAfterGc(JavaHome jdk, long pid) {
    jcmd(jdk, pid, "GC.run");
    return jcmd(jdk, pid, "VM.classloaders").stream().filter(line -> line.contains("SidecarClassLoader")).toList();
  }

  private static List<String> jcmd(JavaHome jdk, long pid, String command) {
    try {
      Process process = new ProcessBuilder(jdk.home().resolve("bin").resolve("jcmd").toString(),
          String.valueOf(pid), command).redirectErrorStream(true).start();
      List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError("jcmd " + pid + " " + command + " failed: " + lines);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
