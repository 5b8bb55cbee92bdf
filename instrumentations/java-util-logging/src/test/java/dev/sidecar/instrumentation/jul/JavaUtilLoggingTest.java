package dev.sidecar.instrumentation.jul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.ReceivedLog;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.WallClockWindow;
import dev.sidecar.testing.http.PlainHttp;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Log records from the real {@code java.util.logging}, in a JVM running the built agent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaUtilLoggingTest {
  private static final Logger LOGGER = Logger.getLogger("dev.sidecar.test.jul");
  private long agentErrorsBefore;

  @BeforeAll
  void start() {
    InstrumentedJvm.receiver();
    agentErrorsBefore = InstrumentedJvm.agentErrors();
  }

  @AfterAll
  void stop() {
    InstrumentedJvm.assertNoAgentErrors(agentErrorsBefore);
  }

  @Test
  void aRecordArrivesWithItsFormattedBodySeverityAndThread() {
    String id = UUID.randomUUID().toString();
    WallClockWindow window =
        WallClockWindow.around(() -> LOGGER.log(Level.WARNING, "order {0} for {1} failed", new Object[] {42, id}));
    ReceivedLog log = InstrumentedJvm.awaitLog("order 42 for " + id + " failed");
    assertEquals("WARNING", log.severityText());
    assertEquals(13, log.logRecord().getSeverityNumberValue());
    assertEquals("dev.sidecar.test.jul", log.scope().getName());
    assertEquals(Thread.currentThread().getName(), log.attribute("thread.name"));
    assertEquals(String.valueOf(Thread.currentThread().getId()), log.attribute("thread.id"));
    assertEquals("", log.traceId(), "no span was current");
    window.assertDuring("time", log.logRecord().getTimeUnixNano());
    window.assertAgentTimeDuring("observed time", log.logRecord().getObservedTimeUnixNano());
  }

  @Test
  void aLoggedExceptionBecomesExceptionAttributes() {
    String id = UUID.randomUUID().toString();
    LOGGER.log(Level.SEVERE, "payment " + id, new IllegalStateException("card declined"));
    ReceivedLog log = InstrumentedJvm.awaitLog("payment " + id);
    assertEquals(17, log.logRecord().getSeverityNumberValue());
    assertEquals("java.lang.IllegalStateException", log.attribute("exception.type"));
    assertEquals("card declined", log.attribute("exception.message"));
    assertTrue(log.attribute("exception.stacktrace").startsWith("java.lang.IllegalStateException: card declined"));
  }

  @Test
  void eventsBelowTheLoggersLevelAreNotCaptured() {
    String id = UUID.randomUUID().toString();
    LOGGER.fine("fine " + id);
    LOGGER.info("marker " + id);
    InstrumentedJvm.awaitLog("marker " + id);
    assertEquals(List.of(), InstrumentedJvm.logBodiesContaining("fine " + id));
  }

  @Test
  void aRecordInsideARequestCarriesItsSpan() throws Exception {
    String id = UUID.randomUUID().toString();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      LOGGER.info("handling " + id);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      String traceId = "4bf92f3577b34da6a3ce929d0e0e" + id.substring(0, 4).replace('-', '0');
      PlainHttp.send(server.getAddress().getPort(), "GET", "/log", Map.of("traceparent",
          "00-" + traceId + "-00f067aa0ba902b7-01"));
      ReceivedLog log = InstrumentedJvm.awaitLog("handling " + id);
      ReceivedSpan span = InstrumentedJvm.awaitTrace(traceId, 1).get(0);
      assertEquals(span.traceId(), log.traceId());
      assertEquals(span.spanId(), log.spanId());
      assertEquals(1, log.logRecord().getFlags() & 0xff, "sampled");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void anEventBridgedToAnotherLoggerIsCapturedOnce() {
    String id = UUID.randomUUID().toString();
    Logger bridged = Logger.getLogger("dev.sidecar.test.bridged-" + id);
    Logger target = Logger.getLogger("dev.sidecar.test.target-" + id);
    // As jul-to-slf4j does: a handler that re-logs every record through another framework's logger.
    bridged.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        target.log(record.getLevel(), "re-logged: " + record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    bridged.info("bridge " + id);
    target.info("marker " + id);
    InstrumentedJvm.awaitLog("marker " + id);
    assertEquals(List.of("bridge " + id), InstrumentedJvm.logBodiesContaining("bridge " + id));
  }

  @Test
  void theAgentsOwnThreadsAreNeverCaptured() throws Exception {
    String id = UUID.randomUUID().toString();
    // The bootstrap is on the boot class path only; the test reaches its thread type by reflection.
    Thread agentThread = (Thread) Class.forName("dev.sidecar.bootstrap.SidecarThread")
        .getConstructor(Runnable.class, String.class)
        .newInstance((Runnable) () -> LOGGER.info("from the agent " + id), "sidecar-test");
    agentThread.start();
    agentThread.join(10_000);
    LOGGER.info("marker " + id);
    InstrumentedJvm.awaitLog("marker " + id);
    assertEquals(List.of(), InstrumentedJvm.logBodiesContaining("from the agent " + id));
  }
}
