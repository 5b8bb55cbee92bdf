package dev.sidecar.smoke;

import static dev.sidecar.smoke.Spans.server;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.CollectorFault;
import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.Poll;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The application keeps serving whatever the collector does: down, black-holed, slow, shedding
 * load or answering garbage. Every request succeeds promptly, the heap stays small, the loss is
 * reported in one line, and once the collector is back, new spans arrive within 10 s.
 */
@DisplayName("When the collector is away")
class CollectorFaultSmokeTest {

  private static final String SERVICE = "collector-faults";
  private static final int REQUESTS = 300;
  /** Far above what one request takes here; a request held up by the export would exceed it. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration RECOVERY = Duration.ofSeconds(10);
  /** The heap in use after a full collection: the app and agent need ~10 MB; a leak of records would need far more. */
  private static final long MAX_HEAP_BYTES = 48L << 20;
  private static final String LOST_SPANS = "[sidecar] WARN spans lost: ";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(REQUEST_TIMEOUT).build();

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = CollectorFault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
  @DisplayName("the app serves on, the loss is reported once, and export resumes")
  void theAppServesOnAndExportResumes(CollectorFault fault) {
    JavaHome jdk = JavaHome.all().findFirst().orElseThrow();
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      receiver.fault(fault);
      try (AppProcess app = AppProcess.builder(SERVICE, jdk)
          .agentExportingTo(SERVICE, Spans.HTTP_PROTOBUF, receiver.httpEndpoint())
          .property("otel.blrp.schedule.delay", 100)
          // A small queue, so that the outage overflows it within the test.
          .property("otel.bsp.max.queue.size", 64)
          .property("otel.bsp.max.export.batch.size", 16)
          .option("-Xmx256m")
          .testMain(ReliabilityApp.class)
          .start()) {
        for (int i = 0; i < REQUESTS; i++) {
          HttpResponse<String> response = get(app, "/during?i=" + i);
          assertEquals(200, response.statusCode(), app::output);
        }
        long heap = Long.parseLong(get(app, "/heap").body().trim());

        // The app keeps serving as the collector comes back; what it records from then on must get
        // through within 10 s, whatever the queue still held and the exporter was still retrying.
        receiver.fault(CollectorFault.NONE);
        Poll.until(RECOVERY, () -> {
          assertEquals(200, get(app, "/recovered").statusCode(), app::output);
          return receiver.spans();
        }, spans -> spans.stream().anyMatch(server(SERVICE, "/recovered", null)),
            "the span of a request made once the collector is back");

        if (fault != CollectorFault.SLOW) {
          // Printed on the export thread before the export that carried the span above; read from the pipe since.
          Poll.until(RECOVERY, app::lines, lines -> lines.stream().anyMatch(line -> line.startsWith(LOST_SPANS)),
              "the line reporting the lost spans");
        }
        List<String> lines = app.lines();
        long lostSpanLines = lines.stream().filter(line -> line.startsWith(LOST_SPANS)).count();
        assertAll("under " + fault,
            () -> assertTrue(heap < MAX_HEAP_BYTES, "heap in use " + heap + app.output()),
            // A slow collector loses spans only if the queue overflows before an answer comes back.
            () -> assertEquals(fault == CollectorFault.SLOW ? Math.min(1, lostSpanLines) : 1, lostSpanLines,
                "one line reports the lost spans" + app.output()),
            () -> assertEquals(List.of(), lines.stream().filter(line -> !line.startsWith("[sidecar] ")
                && (line.contains("io.opentelemetry") || line.contains("xception") || line.startsWith("\tat "))).toList(),
                "nothing but the agent's own lines is printed about the export" + app.output()));
      }
    }
  }

  private static HttpResponse<String> get(AppProcess app, String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(app.uri(pathAndQuery)).timeout(REQUEST_TIMEOUT).GET().build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("GET " + pathAndQuery + " failed or stalled: " + e + app.output(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted during GET " + pathAndQuery, e);
    }
  }
}
