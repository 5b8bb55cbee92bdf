package dev.sidecar.instrumentation.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.ReceivedLog;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.http.PlainHttp;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Work handed to another thread during a request belongs to that request's trace: the log record
 * it writes carries the server span, and the call it makes is a child of it. Real JDK executors,
 * a real JDK HTTP server and client, in a JVM running the built agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutorsTest {
  private static final Logger LOGGER = Logger.getLogger("dev.sidecar.test.executors");
  private HttpServer server;
  private volatile Handover handover;
  private volatile ExecutorService sharedPool;
  private long agentErrorsBefore;

  @BeforeAll
  void start() throws IOException {
    InstrumentedJvm.receiver();
    agentErrorsBefore = InstrumentedJvm.agentErrors();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // A handler waits for work that calls this same server: it needs more than one thread.
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/downstream/", exchange -> {
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    // /work/<id>: hands the work to another thread the current way and waits for it.
    server.createContext("/work/", exchange -> {
      String id = exchange.getRequestURI().getPath().substring("/work/".length());
      int status = 204;
      try {
        handover.run(() -> work(id));
        LOGGER.info("after " + id);
      } catch (Exception e) {
        status = 500;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    // /shared/<id>: the same on a pool that outlives the request.
    server.createContext("/shared/", exchange -> {
      String id = exchange.getRequestURI().getPath().substring("/shared/".length());
      int status = 204;
      try {
        sharedPool.submit(() -> work(id)).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        status = 500;
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterAll
  void stop() {
    server.stop(0);
    InstrumentedJvm.assertNoAgentErrors(agentErrorsBefore);
  }

  @ParameterizedTest
  @EnumSource(Handover.class)
  void workOnAnotherThreadIsAChildOfTheRequest(Handover way) throws Exception {
    assumeTrue(Runtime.version().feature() >= way.since, way + " needs JDK " + way.since);
    handover = way;
    String id = UUID.randomUUID().toString();
    assertEquals(204, PlainHttp.send(server.getAddress().getPort(), "GET", "/work/" + id, Map.of()));

    ReceivedSpan request = InstrumentedJvm.awaitSpan(s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER
        && ("/work/" + id).equals(s.attribute("url.path")), "the server span of /work/" + id);
    assertChildOf(request, id);
    ReceivedLog after = InstrumentedJvm.awaitLog("after " + id);
    assertEquals(request.spanId(), after.spanId(), "the request thread's span is current again after the hand-over");
  }

  @Test
  void aPeriodicTaskRunsInTheSpanItWasScheduledInEveryTime() throws Exception {
    String id = UUID.randomUUID().toString();
    ScheduledExecutorService pool = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch threeRuns = new CountDownLatch(3);
    try {
      server.createContext("/periodic/" + id, exchange -> {
        ScheduledFuture<?> periodic = pool.scheduleAtFixedRate(() -> {
          LOGGER.info("tick " + id + " " + threeRuns.getCount());
          threeRuns.countDown();
        }, 0, 5, TimeUnit.MILLISECONDS);
        try {
          threeRuns.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        periodic.cancel(false);
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      assertEquals(204, PlainHttp.send(server.getAddress().getPort(), "GET", "/periodic/" + id, Map.of()));
      ReceivedSpan request = InstrumentedJvm.awaitSpan(s -> ("/periodic/" + id).equals(s.attribute("url.path")),
          "the server span of /periodic/" + id);
      for (int run = 3; run >= 1; run--) {
        assertEquals(request.spanId(), InstrumentedJvm.awaitLog("tick " + id + " " + run).spanId(), "run " + run);
      }
    } finally {
      pool.shutdownNow();
      server.removeContext("/periodic/" + id);
    }
  }

  @Test
  void aPooledThreadDoesNotCarryOneTasksSpanIntoTheNext() throws Exception {
    sharedPool = Executors.newSingleThreadExecutor();
    try {
      String id = UUID.randomUUID().toString();
      assertEquals(204, PlainHttp.send(server.getAddress().getPort(), "GET", "/shared/" + id, Map.of()));
      ReceivedSpan request = InstrumentedJvm.awaitSpan(s -> ("/shared/" + id).equals(s.attribute("url.path")),
          "the server span of /shared/" + id);
      assertChildOf(request, id);

      // The same thread, next task, handed over outside any request.
      sharedPool.submit(() -> LOGGER.info("untraced " + id)).get(10, TimeUnit.SECONDS);
      ReceivedLog untraced = InstrumentedJvm.awaitLog("untraced " + id);
      assertEquals("", untraced.traceId());
      assertEquals("", untraced.spanId());
    } finally {
      sharedPool.shutdown();
    }
  }

  /** The work's log record carries the request's span, and its outgoing call is a child of it. */
  private static void assertChildOf(ReceivedSpan request, String id) {
    ReceivedLog log = InstrumentedJvm.awaitLog("task " + id);
    assertEquals(request.traceId(), log.traceId());
    assertEquals(request.spanId(), log.spanId());
    ReceivedSpan call = InstrumentedJvm.awaitSpan(s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT
        && s.attribute("url.full") != null && s.attribute("url.full").endsWith("/downstream/" + id),
        "the client span of the work's call");
    assertEquals(request.traceId(), call.traceId());
    assertEquals(request.spanId(), call.parentSpanId());
    List<ReceivedSpan> downstream = InstrumentedJvm.awaitTrace(request.traceId(), 3);
    assertEquals(1, downstream.stream().filter(s -> call.spanId().equals(s.parentSpanId())).count(),
        "the downstream server span continues the call's trace");
  }

  private void work(String id) {
    LOGGER.info("task " + id);
    try {
      HttpURLConnection connection = (HttpURLConnection) new URL(
          "http://127.0.0.1:" + server.getAddress().getPort() + "/downstream/" + id).openConnection();
      try (InputStream body = connection.getInputStream()) {
        body.readAllBytes();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
