package dev.sidecar.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each fault the receiver plays, against the SDK's own exporters; and the receiver heals on NONE. */
class CollectorFaultTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private OtlpReceiver receiver;

  @BeforeEach
  void start() {
    receiver = OtlpReceiver.start();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @ParameterizedTest
  @EnumSource(value = CollectorFault.class, names = {"DOWN", "BLACK_HOLE", "TOO_MANY_REQUESTS", "UNAVAILABLE", "GARBAGE"})
  void httpExportsFailUnderTheFaultAndArriveAfterIt(CollectorFault fault) {
    receiver.fault(fault);
    SdkTelemetry.exportTrace(http(false));
    assertEquals(0, receiver.spans().size(), "nothing is recorded under " + fault);
    assertEquals(fault == CollectorFault.DOWN ? 0 : 2, receiver.faultedRequests(),
        "a refused connection reaches no request; every other fault answers each span's one export");

    receiver.fault(CollectorFault.NONE);
    SdkTelemetry.exportTrace(http(false));
    assertEquals(2, receiver.awaitSpans(2, TIMEOUT).size());
  }

  @ParameterizedTest
  @EnumSource(value = CollectorFault.class, names = {"DOWN", "BLACK_HOLE", "TOO_MANY_REQUESTS", "UNAVAILABLE"})
  void grpcExportsFailUnderTheFaultAndArriveAfterIt(CollectorFault fault) {
    receiver.fault(fault);
    SdkTelemetry.exportTrace(grpc());
    assertEquals(0, receiver.spans().size(), "nothing is recorded under " + fault);

    receiver.fault(CollectorFault.NONE);
    SdkTelemetry.exportTrace(grpc());
    assertEquals(2, receiver.awaitSpans(2, TIMEOUT).size());
  }

  @ParameterizedTest
  @EnumSource(value = CollectorFault.class, names = {"TOO_MANY_REQUESTS", "UNAVAILABLE"})
  void theSdkRetriesAfterRetryAfterAndSucceedsOnceTheCollectorRecovers(CollectorFault fault) {
    receiver.fault(fault);
    CompletableFuture<?> export = CompletableFuture.runAsync(() -> SdkTelemetry.exportTrace(http(true)));
    // Both spans' first attempts were turned away: the retries are what arrive.
    Poll.until(TIMEOUT, receiver::faultedRequests, count -> count >= 2, "two turned-away attempts");
    receiver.fault(CollectorFault.NONE);
    export.join();
    assertEquals(2, receiver.awaitSpans(2, TIMEOUT).size());
  }

  @ParameterizedTest
  @EnumSource(value = CollectorFault.class, names = "SLOW")
  void aSlowCollectorStillRecordsTheExport(CollectorFault fault) {
    receiver.fault(fault);
    SdkTelemetry.exportTrace(http(false, Duration.ofSeconds(15)));
    assertEquals(2, receiver.spans().size());
    assertEquals(2, receiver.faultedRequests());
  }

  private SpanExporter http(boolean retry) {
    return http(retry, Duration.ofSeconds(retry ? 15 : 2));
  }

  private SpanExporter http(boolean retry, Duration timeout) {
    var builder = OtlpHttpSpanExporter.builder()
        .setEndpoint(receiver.httpEndpoint() + "/v1/traces")
        .setTimeout(timeout);
    return (retry ? builder : builder.setRetryPolicy(null)).build();
  }

  private SpanExporter grpc() {
    return OtlpGrpcSpanExporter.builder()
        .setEndpoint(receiver.grpcEndpoint())
        .setTimeout(Duration.ofSeconds(2))
        .setRetryPolicy(null)
        .build();
  }
}
