package dev.sidecar.instrumentation.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.ReceivedLog;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.http.PlainHttp;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * All-asynchronous loggers ({@code AsyncLoggerContextSelector}): the event leaves the caller's
 * thread at once, yet is captured once, with the caller's span. Runs in its own surefire execution,
 * which selects them.
 */
@EnabledIfSystemProperty(named = "log4j2.contextSelector", matches = ".*AsyncLoggerContextSelector")
class Log4j2AllAsyncTest {
  // With no configuration file, Log4j logs ERROR and above.
  private static final Logger LOGGER = LogManager.getLogger("dev.sidecar.test.log4j.all-async");

  @Test
  void anEventOfAnAsyncLoggerIsCapturedOnceWithTheCallersSpan() throws Exception {
    assertTrue(LogManager.getContext(false) instanceof AsyncLoggerContext, "the all-async selector is active");
    long agentErrorsBefore = InstrumentedJvm.agentErrors();
    String id = UUID.randomUUID().toString();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      LOGGER.error("async {}", id);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      String traceId = "5bf92f3577b34da6a3ce929d0e0e" + id.substring(0, 4).replace('-', '0');
      PlainHttp.send(server.getAddress().getPort(), "GET", "/log", Map.of("traceparent",
          "00-" + traceId + "-00f067aa0ba902b7-01"));
      ReceivedSpan span = InstrumentedJvm.awaitTrace(traceId, 1).get(0);
      ReceivedLog log = InstrumentedJvm.awaitLog("async " + id);
      assertEquals(span.traceId(), log.traceId());
      assertEquals(span.spanId(), log.spanId());
      assertEquals("ERROR", log.severityText());
      assertEquals(17, log.logRecord().getSeverityNumberValue());
      assertEquals("dev.sidecar.test.log4j.all-async", log.scope().getName());
      LOGGER.error("marker {}", id);
      InstrumentedJvm.awaitLog("marker " + id);
      assertEquals(1, InstrumentedJvm.logsWithBody("async " + id).size(), "captured once, not again on the Disruptor's thread");
    } finally {
      server.stop(0);
    }
    InstrumentedJvm.assertNoAgentErrors(agentErrorsBefore);
  }
}
