package dev.sidecar.agent.export.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.export.LogExporters;
import dev.sidecar.agent.export.SpanExporters;
import dev.sidecar.testing.CollectorFault;
import dev.sidecar.testing.ExportRequest;
import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.Poll;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.TestCertificates;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.internal.FailedExportException;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's OTLP exporters, built from settings as at start, sending through
 * {@link KeepAliveHttpSender} to the test collector, which decodes with the official protobuf classes.
 */
class KeepAliveHttpSenderTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static OtlpReceiver receiver;

  @BeforeAll
  static void startReceiver() {
    receiver = OtlpReceiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @BeforeEach
  void healthyCollector() {
    receiver.fault(CollectorFault.NONE);
    receiver.reset();
  }

  @Test
  void exportsBatchAfterBatch() {
    SpanExporter exporter = spanExporter();
    try {
      assertSuccess(exporter.export(spans("first", "second")));
      assertSuccess(exporter.export(spans("third")));
      assertEquals(List.of("first", "second", "third"), names(receiver.awaitSpans(3, WAIT)));
      List<ExportRequest> requests = receiver.requests();
      assertEquals(2, requests.size());
      for (ExportRequest request : requests) {
        assertEquals("/v1/traces", request.path());
        assertEquals("application/x-protobuf", request.header("content-type"));
        assertTrue(request.header("user-agent").startsWith("OTel-OTLP-Exporter-Java/"), request.header("user-agent"));
        assertFalse(request.gzip());
      }
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void moreExportsAtOnceThanTheSenderHasThreadsAllArrive() {
    receiver.fault(CollectorFault.SLOW);
    Set<Thread> before = senderThreads();
    SpanExporter exporter = spanExporter();
    try {
      List<CompletableResultCode> results = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        results.add(exporter.export(spans("slow-" + i)));
      }
      results.forEach(KeepAliveHttpSenderTest::assertSuccess);
      assertEquals(4, newSenderThreads(before).size());
      assertEquals(List.of("slow-0", "slow-1", "slow-2", "slow-3", "slow-4"),
          names(receiver.awaitSpans(5, WAIT)).stream().sorted().collect(Collectors.toList()));
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void sendsTheConfiguredHeadersAndCompression() {
    SpanExporter exporter = spanExporter("otel.exporter.otlp.headers", "api-key=s3cret,tenant=shop",
        "otel.exporter.otlp.compression", "gzip");
    try {
      assertSuccess(exporter.export(spans("compressed")));
      assertEquals(List.of("compressed"), names(receiver.awaitSpans(1, WAIT)));
      ExportRequest request = receiver.requests().get(0);
      assertTrue(request.gzip());
      assertEquals("gzip", request.header("content-encoding"));
      assertEquals("s3cret", request.header("api-key"));
      assertEquals("shop", request.header("tenant"));
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void logRecordsGoToTheirOwnPath() {
    // As at start: the log exporter gets the settings the span exporter checked and completed.
    LogRecordExporter exporter = LogExporters.create(AgentConfig.fromMap(SpanExporters.sanitized(config())));
    List<LogRecordData> logs = new ArrayList<>();
    SdkLoggerProvider provider = SdkLoggerProvider.builder()
        .addLogRecordProcessor(SimpleLogRecordProcessor.create(new CollectingLogExporter(logs))).build();
    provider.get("test").logRecordBuilder().setBody("hello").emit();
    provider.close();
    try {
      assertSuccess(exporter.export(logs));
      assertEquals("hello", receiver.awaitLogs(1, WAIT).get(0).body());
      assertEquals("/v1/logs", receiver.requests().get(0).path());
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void aConnectionTheCollectorClosedIsReplacedWithoutAFailedAttempt() {
    SpanExporter exporter = spanExporter();
    try {
      assertSuccess(exporter.export(spans("before")));
      int faulted = receiver.faultedRequests();
      // DOWN closes every connection, the kept one included; back up, the port is the same.
      receiver.fault(CollectorFault.DOWN);
      receiver.fault(CollectorFault.NONE);
      assertSuccess(exporter.export(spans("after")));
      assertEquals(List.of("before", "after"), names(receiver.awaitSpans(2, WAIT)));
      assertEquals(faulted, receiver.faultedRequests());
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void anUnavailableCollectorIsAskedAgainAfterTheTimeItNames() {
    SpanExporter exporter = spanExporter();
    try {
      receiver.fault(CollectorFault.UNAVAILABLE);
      CompletableResultCode result = exporter.export(spans("retried"));
      Poll.until(WAIT, receiver::faultedRequests, asked -> asked > 0, "a request at the collector");
      receiver.fault(CollectorFault.NONE);
      assertSuccess(result);
      assertEquals(List.of("retried"), names(receiver.awaitSpans(1, WAIT)));
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void aCollectorThatKeepsRefusingFailsTheExportWithItsAnswer() {
    SpanExporter exporter = spanExporter("otel.exporter.otlp.timeout", "3s");
    try {
      receiver.fault(CollectorFault.TOO_MANY_REQUESTS);
      FailedExportException.HttpExportException failure =
          assertInstanceOf(FailedExportException.HttpExportException.class, failureOf(exporter.export(spans("refused"))));
      assertTrue(failure.failedWithResponse());
      assertEquals(429, failure.getResponse().getStatusCode());
      // Retry-After: 1 and a 3 s timeout: asked again, but not after the timeout.
      int asked = receiver.faultedRequests();
      assertTrue(asked >= 2 && asked <= 4, "requests: " + asked);
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void aClosedPortFailsWithTheConnectError() {
    SpanExporter exporter = spanExporter("otel.exporter.otlp.timeout", "1s");
    try {
      receiver.fault(CollectorFault.DOWN);
      Throwable cause = failureOf(exporter.export(spans("lost"))).getCause();
      assertInstanceOf(ConnectException.class, cause);
      assertTrue(cause.getMessage().startsWith("cannot connect to the collector at 127.0.0.1:" + receiver.httpPort() + " ("),
          cause.getMessage());
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void aSilentCollectorTimesOut() {
    SpanExporter exporter = spanExporter("otel.exporter.otlp.timeout", "1s");
    try {
      receiver.fault(CollectorFault.BLACK_HOLE);
      Throwable cause = failureOf(exporter.export(spans("lost"))).getCause();
      assertInstanceOf(SocketTimeoutException.class, cause);
      assertEquals("no answer from the collector at 127.0.0.1:" + receiver.httpPort() + " within the export timeout",
          cause.getMessage());
    } finally {
      receiver.fault(CollectorFault.NONE);
      exporter.shutdown();
    }
  }

  @Test
  void anAnswerThatIsNotHttpFails() {
    SpanExporter exporter = spanExporter("otel.exporter.otlp.timeout", "1s");
    try {
      receiver.fault(CollectorFault.GARBAGE);
      assertInstanceOf(ProtocolException.class, failureOf(exporter.export(spans("lost"))).getCause());
    } finally {
      exporter.shutdown();
    }
  }

  @Test
  void exportsOverMutualTlsWithTheCollectorsNameChecked() {
    try (TestCertificates certificates = TestCertificates.create();
        OtlpReceiver secure = OtlpReceiver.startTls(certificates.serverContext())) {
      Map<String, String> settings = new HashMap<>();
      settings.put("otel.exporter.otlp.endpoint", secure.httpEndpoint());
      settings.put("otel.exporter.otlp.certificate", certificates.caCertificate().toString());
      settings.put("otel.exporter.otlp.client.certificate", certificates.clientCertificate().toString());
      settings.put("otel.exporter.otlp.client.key", certificates.clientKey().toString());
      SpanExporter exporter = SpanExporters.create(AgentConfig.fromMap(settings));
      try {
        assertTrue(secure.httpEndpoint().startsWith("https://"));
        assertSuccess(exporter.export(spans("secure")));
        assertEquals(List.of("secure"), names(secure.awaitSpans(1, WAIT)));
      } finally {
        exporter.shutdown();
      }
    }
  }

  private static AgentConfig config(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("otel.exporter.otlp.endpoint", receiver.httpEndpoint());
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    return AgentConfig.fromMap(settings);
  }

  private static SpanExporter spanExporter(String... keyValues) {
    SpanExporter exporter = SpanExporters.create(config(keyValues));
    assertNotNull(exporter);
    return exporter;
  }

  /** Spans ended by the SDK, in the order named. */
  private static List<SpanData> spans(String... names) {
    List<SpanData> ended = new ArrayList<>();
    SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        ended.add(span.toSpanData());
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }
    }).build();
    for (String name : names) {
      provider.get("test").spanBuilder(name).startSpan().end();
    }
    provider.close();
    return ended;
  }

  private static Set<Thread> senderThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("sidecar-otlp-http-")).collect(Collectors.toSet());
  }

  /** The sender threads alive now that were not alive at {@code before}. */
  private static Set<Thread> newSenderThreads(Set<Thread> before) {
    Set<Thread> threads = senderThreads();
    threads.removeAll(before);
    return threads;
  }

  private static List<String> names(List<ReceivedSpan> spans) {
    return spans.stream().map(ReceivedSpan::name).collect(Collectors.toList());
  }

  private static void assertSuccess(CompletableResultCode result) {
    result.join(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertTrue(result.isDone(), "no answer within " + WAIT);
    assertTrue(result.isSuccess(), () -> "failed: " + result.getFailureThrowable());
  }

  private static Throwable failureOf(CompletableResultCode result) {
    result.join(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    assertTrue(result.isDone(), "no answer within " + WAIT);
    assertFalse(result.isSuccess());
    assertNotNull(result.getFailureThrowable());
    return result.getFailureThrowable();
  }

  /** Hands the SDK's log records to a list: how the test gets {@link LogRecordData} to export. */
  private static final class CollectingLogExporter implements LogRecordExporter {
    private final List<LogRecordData> into;

    CollectingLogExporter(List<LogRecordData> into) {
      this.into = into;
    }

    @Override
    public CompletableResultCode export(Collection<LogRecordData> logs) {
      into.addAll(logs);
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
