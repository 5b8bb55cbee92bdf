package dev.sidecar.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.Poll;
import dev.sidecar.testing.ReceivedLog;
import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo's front service calls downstream from its own pool. Its pool threads are started, and
 * waiting for work, before the agent attaches: their loop keeps the code it was running, and still
 * every request after the first few (at most one per pool thread) has its call as its child.
 */
@DisplayName("Attach to a JVM whose pool threads already run")
class AttachedPoolSmokeTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int POOL_THREADS = 2;
  private static final int REQUESTS = 6;

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("after attach, calls made from pool threads started before it are children of their request")
  void poolThreadsStartedBeforeAttachHandSpansOver(JavaHome jdk) {
    try (OtlpReceiver receiver = OtlpReceiver.start();
        AppProcess downstream = AppProcess.builder("downstream", jdk).jar(Artifacts.demoAppJar(), "serve", "0").start();
        AppProcess front = AppProcess.builder("front", jdk)
            .jar(Artifacts.demoAppJar(), "serve", "0", "http://127.0.0.1:" + downstream.port()).start()) {
      for (int i = 0; i < 2 * POOL_THREADS; i++) {
        assertEquals(200, Http.get(front, "/hello?name=before-" + i).statusCode(), front::output);
      }
      AppProcess.Result attach = SidecarCli.run(jdk, "attach", front.pid(), "-Dotel.service.name=front",
          "-Dotel.exporter.otlp.endpoint=" + receiver.httpEndpoint(), "-Dotel.bsp.schedule.delay=100",
          "-Dotel.blrp.schedule.delay=100");
      assertEquals(0, attach.exitCode(), attach::output);

      List<TraceParent> callers = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        TraceParent caller = TraceParent.random();
        callers.add(caller);
        assertEquals(200, Http.get(front, "/hello?name=after-" + i, "traceparent", caller.header()).statusCode(),
            front::output);
      }
      List<ReceivedSpan> spans = Spans.await(receiver, TIMEOUT, REQUESTS + " server and client spans",
          received -> received.stream().filter(span -> span.attribute("url.query") != null
              || span.attribute("url.full") != null).count() >= 2L * REQUESTS, front, downstream);

      // A pool thread that was waiting for work at attach runs its next task in the old loop: at most
      // one request per pool thread, the first ones, has a call outside its trace; every later one is a child.
      List<Boolean> childOfItsRequest = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        String name = "name=after-" + i;
        ReceivedSpan server = Spans.only(spans, "the server span of " + name,
            span -> span.kind() == SpanKind.SPAN_KIND_SERVER && name.equals(span.attribute("url.query")));
        ReceivedSpan client = Spans.only(spans, "the client span of " + name,
            span -> span.kind() == SpanKind.SPAN_KIND_CLIENT && span.attribute("url.full").endsWith("?" + name));
        assertEquals(callers.get(i).traceId(), server.traceId(), Spans.describe(spans));
        childOfItsRequest.add(server.spanId().equals(client.parentSpanId()));
      }
      int firstChild = childOfItsRequest.indexOf(true);
      assertTrue(firstChild >= 0 && firstChild <= POOL_THREADS, "requests whose call is their child: " + childOfItsRequest);
      assertEquals(List.of(), childOfItsRequest.subList(firstChild, REQUESTS).stream().filter(child -> !child).toList(),
          "after the first child, every call is its request's child: " + childOfItsRequest);

      // The pool thread's log record before the last call carries the last request's server span.
      String last = "name=after-" + (REQUESTS - 1);
      ReceivedSpan lastServer = Spans.only(spans, "the last server span",
          span -> span.kind() == SpanKind.SPAN_KIND_SERVER && last.equals(span.attribute("url.query")));
      ReceivedLog asking = Poll.until(TIMEOUT, () -> receiver.logs().stream()
              .filter(log -> log.body().equals("asking downstream for after-" + (REQUESTS - 1))).toList(),
          logs -> !logs.isEmpty(), "the pool thread's log record of the last request").get(0);
      assertEquals(lastServer.spanId(), asking.spanId());
      assertEquals("demo-calls", asking.attribute("thread.name"));
    }
  }
}
