package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sidecar.testing.Poll;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {
  private static final byte[] BODY = "hello\n".getBytes(StandardCharsets.US_ASCII);

  private final AtomicLong served = new AtomicLong();
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hello", exchange -> {
      clientPorts.add(exchange.getRemoteAddress().getPort());
      exchange.sendResponseHeaders(200, BODY.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(BODY);
      }
      served.incrementAndGet();
    });
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void theWindowFollowsTheWarmUpOnTheSameConnections() {
    long[] servedAtWindowStart = {-1};
    LoadResult result = new LoadGenerator(server.getAddress().getPort(), 3)
        .run(atLeast(Duration.ofMillis(300)), Duration.ofMillis(300),
            () -> servedAtWindowStart[0] = served.get());

    assertTrue(servedAtWindowStart[0] > 0, "the warm-up answered requests before the window began");
    assertTrue(result.requests() > 0, "the window answered requests");
    assertEquals(0, result.errors());
    // Every answer is counted in all requests; the window's are those sent after it began.
    assertEquals(served.get(), result.allRequests());
    assertTrue(result.allRequests() >= result.requests() + servedAtWindowStart[0] - 3,
        "warm-up " + servedAtWindowStart[0] + " + window " + result.requests() + " <= all " + result.allRequests());
    assertEquals(result.requests(), result.latencies().length);
    assertTrue(result.warmupNanos() >= Duration.ofMillis(300).toNanos(), "warm-up took " + result.warmupNanos() + " ns");
    // Three keep-alive connections served both, and none was opened again at the window's start.
    assertEquals(3, clientPorts.size());
  }

  @Test
  void theWindowStartsWhenTheWarmUpSaysSo() {
    // A warm-up that ends on a condition: here, once the server has answered 50 requests.
    LoadGenerator.WarmUp fiftyServed =
        () -> Poll.until(Duration.ofSeconds(10), served::get, n -> n >= 50, "50 answers in the warm-up");
    long[] servedAtWindowStart = {-1};
    LoadResult result = new LoadGenerator(server.getAddress().getPort(), 2)
        .run(fiftyServed, Duration.ofMillis(200), () -> servedAtWindowStart[0] = served.get());

    assertTrue(servedAtWindowStart[0] >= 50, "the window began after " + servedAtWindowStart[0] + " answers");
    assertTrue(result.requests() > 0);
    assertTrue(result.allRequests() >= result.requests() + 50 - 2,
        "warm-up 50 + window " + result.requests() + " <= all " + result.allRequests());
  }

  @Test
  void aWarmUpThatFailsStopsTheLoad() {
    LoadGenerator.WarmUp failing = () -> {
      Poll.until(Duration.ofSeconds(10), served::get, n -> n >= 20, "20 answers in the warm-up");
      throw new BenchmarkException("the app ended");
    };
    BenchmarkException thrown = assertThrows(BenchmarkException.class,
        () -> new LoadGenerator(server.getAddress().getPort(), 2).run(failing, Duration.ofMinutes(5), () -> {}));
    assertEquals("the app ended", thrown.getMessage());

    // The connections' threads end at once, not after the five minutes of a window.
    Poll.until(Duration.ofSeconds(10), LoadGeneratorTest::loadThreads, n -> n == 0, "no load thread left");
  }

  private static long loadThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("load-")).count();
  }

  /** A warm-up that ends once {@code length} has passed and the server has answered some requests. */
  private LoadGenerator.WarmUp atLeast(Duration length) {
    return () -> {
      long end = System.nanoTime() + length.toNanos();
      Poll.until(length.plusSeconds(10), () -> served.get() > 0 && System.nanoTime() - end >= 0, done -> done,
          length + " of warm-up with answers");
    };
  }

  @Test
  void withoutAWarmUpEveryRequestIsInTheWindow() {
    LoadResult result = new LoadGenerator(server.getAddress().getPort(), 2).run(Duration.ofMillis(200));
    assertTrue(result.requests() > 0);
    assertEquals(result.allRequests(), result.requests());
    assertEquals(served.get(), result.requests());
  }
}
