package dev.sidecar.instrumentation.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.Poll;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.http.PlainHttp;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OkHttp's dispatcher starts a queued call from the thread that finishes the call before it, which
 * may be serving another request: the queued call, and its callback, still belong to the request
 * that queued it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OkHttpQueuedCallsTest {
  private static final Logger LOGGER = Logger.getLogger("dev.sidecar.test.okhttp");
  private final CountDownLatch slowArrived = new CountDownLatch(1);
  private final CountDownLatch releaseSlow = new CountDownLatch(1);
  private HttpServer server;
  private OkHttpClient okHttp;
  private long agentErrorsBefore;

  @BeforeAll
  void start() throws IOException {
    InstrumentedJvm.receiver();
    agentErrorsBefore = InstrumentedJvm.agentErrors();
    Dispatcher oneAtATime = new Dispatcher();
    oneAtATime.setMaxRequests(1);
    okHttp = new OkHttpClient.Builder().dispatcher(oneAtATime).build();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/slow", exchange -> {
      slowArrived.countDown();
      await(releaseSlow);
      empty(exchange, 204);
    });
    server.createContext("/fast", exchange -> empty(exchange, 204));
    // /request/<id>/<slow|fast>: enqueues a call there, waits for its callback.
    server.createContext("/request/", exchange -> {
      String[] parts = exchange.getRequestURI().getPath().split("/");
      String id = parts[2];
      CompletableFuture<Integer> called = new CompletableFuture<>();
      okHttp.newCall(new Request.Builder().url(base() + "/" + parts[3] + "?" + id).build()).enqueue(new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
          called.completeExceptionally(e);
        }

        @Override
        public void onResponse(Call call, Response response) {
          try (Response closed = response) {
            LOGGER.info("callback " + id);
            called.complete(closed.code());
          }
        }
      });
      int status;
      try {
        status = called.get(20, TimeUnit.SECONDS) == 204 ? 204 : 502;
      } catch (Exception e) {
        status = 500;
      }
      empty(exchange, status);
    });
    server.start();
  }

  @AfterAll
  void stop() {
    releaseSlow.countDown();
    server.stop(0);
    okHttp.dispatcher().executorService().shutdown();
    InstrumentedJvm.assertNoAgentErrors(agentErrorsBefore);
  }

  @Test
  void aQueuedCallStartedFromAnotherRequestsThreadStaysInItsOwnRequest() throws Exception {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    // Two callers at once; the common pool may have a single thread.
    ExecutorService callers = Executors.newFixedThreadPool(2);
    CompletableFuture<Integer> firstResponse =
        CompletableFuture.supplyAsync(() -> send("/request/" + first + "/slow"), callers);
    await(slowArrived);
    CompletableFuture<Integer> secondResponse =
        CompletableFuture.supplyAsync(() -> send("/request/" + second + "/fast"), callers);
    callers.shutdown();
    Poll.until(InstrumentedJvm.TIMEOUT, () -> okHttp.dispatcher().queuedCallsCount(), queued -> queued == 1,
        "the second request's call queued behind the first");
    releaseSlow.countDown();
    assertEquals(204, firstResponse.get(20, TimeUnit.SECONDS));
    assertEquals(204, secondResponse.get(20, TimeUnit.SECONDS));

    ReceivedSpan request = InstrumentedJvm.awaitSpan(s -> s.kind() == Span.SpanKind.SPAN_KIND_SERVER
        && ("/request/" + second + "/fast").equals(s.attribute("url.path")), "the second request's server span");
    ReceivedSpan call = InstrumentedJvm.awaitSpan(s -> s.kind() == Span.SpanKind.SPAN_KIND_CLIENT
        && s.attribute("url.full").endsWith("/fast?" + second), "the second request's client span");
    assertEquals(request.spanId(), call.parentSpanId());
    assertEquals(request.spanId(), InstrumentedJvm.awaitLog("callback " + second).spanId(),
        "the callback runs in the request that queued the call");
  }

  private int send(String path) {
    try {
      return PlainHttp.send(server.getAddress().getPort(), "GET", path, Map.of());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void empty(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }
}
