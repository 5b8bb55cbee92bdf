package dev.sidecar.smoke;

import static dev.sidecar.smoke.Spans.server;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.CollectorFault;
import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.ReceivedLog;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * At exit, by {@code System.exit} on a request thread or by SIGTERM, the sidecar sends what it
 * still holds; and with the collector away, the exit waits no longer than
 * {@code sidecar.shutdown.timeout}, whatever the exporter's own timeout and retries.
 */
@DisplayName("JVM exit")
class ExitSmokeTest {

  private static final String SERVICE = "exit";
  private static final int EXIT_CODE = 3;
  /** JVMs end with 128 + 15 on SIGTERM. */
  private static final int SIGTERM_EXIT_CODE = 143;
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);
  /** Far below the exporter's 30 s timeout: an exit that waited for the export would miss it. */
  private static final Duration EXIT_MARGIN = Duration.ofSeconds(10);

  enum How { SYSTEM_EXIT, SIGTERM }

  @ParameterizedTest(name = "{0}")
  @EnumSource(How.class)
  @DisplayName("sends every span and log record still held")
  void flushesWhatItHolds(How how) {
    JavaHome jdk = JavaHome.all().findFirst().orElseThrow();
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess app = start(jdk, receiver, "5s")) {
      for (int i = 0; i < 3; i++) {
        assertEquals(200, Http.get(app, "/before-exit-" + i).statusCode(), app::output);
      }
      int code = exit(app, how);
      assertEquals(how == How.SYSTEM_EXIT ? EXIT_CODE : SIGTERM_EXIT_CODE, code, app::output);

      // The hour-long batch delays mean nothing was exported before the exit began.
      for (int i = 0; i < 3; i++) {
        Spans.awaitOne(receiver, "the span of /before-exit-" + i,
            server(SERVICE, "/before-exit-" + i, null), app);
      }
      List<String> bodies = receiver.logs().stream().map(ReceivedLog::body).toList();
      assertAll("log records sent at exit",
          () -> assertTrue(bodies.containsAll(List.of("served /before-exit-0", "served /before-exit-1",
              "served /before-exit-2")), bodies + app.output()),
          () -> assertTrue(how != How.SYSTEM_EXIT || bodies.contains("exiting with " + EXIT_CODE),
              bodies + app.output()));
    }
  }

  static Stream<Arguments> awayAndHow() {
    return Stream.of(CollectorFault.BLACK_HOLE, CollectorFault.DOWN)
        .flatMap(fault -> Stream.of(How.values()).map(how -> Arguments.of(fault, how)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("awayAndHow")
  @DisplayName("is not held up by a collector that is away")
  void isNotHeldUpByTheCollector(CollectorFault fault, How how) {
    JavaHome jdk = JavaHome.all().findFirst().orElseThrow();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.fault(fault);
      try (AppProcess app = start(jdk, receiver, "30s")) {
        for (int i = 0; i < 3; i++) {
          assertEquals(200, Http.get(app, "/before-exit-" + i).statusCode(), app::output);
        }
        // awaitExit fails unless the process has ended within the shutdown timeout and the margin.
        int code = exit(app, how, SHUTDOWN_TIMEOUT.plus(EXIT_MARGIN));
        assertEquals(how == How.SYSTEM_EXIT ? EXIT_CODE : SIGTERM_EXIT_CODE, code, app::output);
      }
    }
  }

  private static AppProcess start(JavaHome jdk, OtlpReceiver receiver, String exportTimeout) {
    return AppProcess.builder(SERVICE, jdk)
        .javaagent(Artifacts.agentJar())
        .property("otel.service.name", SERVICE)
        .property("otel.exporter.otlp.endpoint", receiver.httpEndpoint())
        .property("otel.exporter.otlp.timeout", exportTimeout)
        .property("otel.bsp.schedule.delay", "1h")
        .property("otel.blrp.schedule.delay", "1h")
        .property("sidecar.shutdown.timeout", SHUTDOWN_TIMEOUT.toSeconds() + "s")
        .testMain(ReliabilityApp.class)
        .start();
  }

  private static int exit(AppProcess app, How how) {
    return exit(app, how, Duration.ofSeconds(30));
  }

  private static int exit(AppProcess app, How how, Duration timeout) {
    if (how == How.SYSTEM_EXIT) {
      assertEquals(200, Http.get(app, "/exit?code=" + EXIT_CODE).statusCode(), app::output);
    } else {
      app.terminate();
    }
    return app.awaitExit(timeout);
  }
}
