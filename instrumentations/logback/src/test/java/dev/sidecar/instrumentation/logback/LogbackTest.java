package dev.sidecar.instrumentation.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.sun.net.httpserver.HttpServer;
import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.Poll;
import dev.sidecar.testing.ReceivedLog;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.WallClockWindow;
import dev.sidecar.testing.http.PlainHttp;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Log records and MDC trace ids from the real Logback, logged through SLF4J, in a JVM running the built
 * agent. The same class runs on the newest Logback with SLF4J 2 and on Logback 1.2 with SLF4J 1.7.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogbackTest {
  private static final Logger LOGGER = LoggerFactory.getLogger("dev.sidecar.test.logback");
  private static final String PATTERN = "[%X{trace_id}] [%X{span_id}] [%X{trace_flags}] [%X{order}] %msg%n";
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();
  private final ByteArrayOutputStream asyncOutput = new ByteArrayOutputStream();
  private long agentErrorsBefore;

  @BeforeAll
  void start() {
    // The application's own output, as a user's configuration would write it: root at INFO. Configured before
    // the receiver starts, whose gRPC server would otherwise log at Logback's default level, DEBUG.
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    root.addAppender(outputTo(context, output));
    root.setLevel(Level.INFO);
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.addAppender(outputTo(context, asyncOutput));
    async.start();
    ch.qos.logback.classic.Logger asyncLogger = context.getLogger("dev.sidecar.test.logback.async");
    asyncLogger.setAdditive(false);
    asyncLogger.addAppender(async);
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
    WallClockWindow window = WallClockWindow.around(() -> LOGGER.warn("order {} for {} failed", 42, id));
    ReceivedLog log = InstrumentedJvm.awaitLog("order 42 for " + id + " failed");
    assertEquals("WARN", log.severityText());
    assertEquals(13, log.logRecord().getSeverityNumberValue());
    assertEquals("dev.sidecar.test.logback", log.scope().getName());
    assertEquals(Map.of("thread.name", Thread.currentThread().getName(),
        "thread.id", String.valueOf(Thread.currentThread().getId())), log.attributes());
    assertEquals("", log.traceId(), "no span was current");
    window.assertDuring("time", log.logRecord().getTimeUnixNano());
    window.assertAgentTimeDuring("observed time", log.logRecord().getObservedTimeUnixNano());
  }

  @Test
  void aLoggedExceptionBecomesExceptionAttributes() {
    String id = UUID.randomUUID().toString();
    LOGGER.error("payment {}", id, new IllegalStateException("card declined"));
    ReceivedLog log = InstrumentedJvm.awaitLog("payment " + id);
    assertEquals("ERROR", log.severityText());
    assertEquals(17, log.logRecord().getSeverityNumberValue());
    assertEquals(Set.of("thread.name", "thread.id", "exception.type", "exception.message", "exception.stacktrace"),
        log.attributes().keySet());
    assertEquals("java.lang.IllegalStateException", log.attribute("exception.type"));
    assertEquals("card declined", log.attribute("exception.message"));
    assertTrue(log.attribute("exception.stacktrace").startsWith("java.lang.IllegalStateException: card declined"));
  }

  @Test
  void everyLevelMapsToOpenTelemetrysSeverity() {
    String id = UUID.randomUUID().toString();
    ch.qos.logback.classic.Logger verbose = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
        "dev.sidecar.test.logback.verbose");
    verbose.setLevel(Level.TRACE);
    verbose.trace("level " + id);
    verbose.debug("level " + id);
    verbose.info("level " + id);
    verbose.warn("level " + id);
    verbose.error("level " + id);
    List<ReceivedLog> logs = Poll.until(InstrumentedJvm.TIMEOUT, () -> InstrumentedJvm.logsWithBody("level " + id), l -> l.size() >= 5,
        "five records");
    assertEquals(List.of("TRACE 1", "DEBUG 5", "INFO 9", "WARN 13", "ERROR 17"), logs.stream()
        .map(l -> l.severityText() + " " + l.logRecord().getSeverityNumberValue()).collect(Collectors.toList()));
  }

  @Test
  void eventsBelowTheLoggersLevelAreNotCaptured() {
    String id = UUID.randomUUID().toString();
    LOGGER.debug("debug " + id);
    LOGGER.trace("trace " + id);
    LOGGER.info("marker " + id);
    InstrumentedJvm.awaitLog("marker " + id);
    assertEquals(List.of(), InstrumentedJvm.logBodiesContaining("debug " + id));
    assertEquals(List.of(), InstrumentedJvm.logBodiesContaining("trace " + id));
  }

  @Test
  void insideARequestTheRecordAndTheApplicationsOwnOutputCarryTheSpan() throws Exception {
    String id = UUID.randomUUID().toString();
    Logger asyncLogger = LoggerFactory.getLogger("dev.sidecar.test.logback.async");
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      MDC.put("order", id);
      try {
        LOGGER.info("handling " + id);
        asyncLogger.info("queued " + id);
      } finally {
        MDC.remove("order");
      }
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
      // The configured key is captured (this JVM runs with capture-mdc-attributes=order); the ids the
      // agent adds to the same map are not copied back.
      assertEquals(id, log.attribute("order"));
      assertEquals(null, log.attribute("trace_id"));
      String expected = "[" + span.traceId() + "] [" + span.spanId() + "] [01] [" + id + "] ";
      assertEquals(List.of(expected + "handling " + id), linesContaining(output, "handling " + id));
      // An AsyncAppender formats on its own thread: the ids travel in the event's MDC.
      assertEquals(List.of(expected + "queued " + id), Poll.until(InstrumentedJvm.TIMEOUT,
          () -> linesContaining(asyncOutput, "queued " + id), l -> !l.isEmpty(), "the async appender's line"));
    } finally {
      server.stop(0);
    }
    LOGGER.info("outside " + id);
    assertEquals(List.of("[] [] [] [] outside " + id), linesContaining(output, "outside " + id));
  }

  @Test
  void anEventBridgedFromJavaUtilLoggingIsCapturedOnce() {
    String id = UUID.randomUUID().toString();
    // jul-to-slf4j: JUL's Logger.log hands the record to SLF4J, so to Logback, within the same call.
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("dev.sidecar.test.jul-to-slf4j");
    jul.setUseParentHandlers(false);
    SLF4JBridgeHandler bridge = new SLF4JBridgeHandler();
    jul.addHandler(bridge);
    try {
      jul.info("from jul " + id);
    } finally {
      jul.removeHandler(bridge);
    }
    LOGGER.info("marker " + id);
    InstrumentedJvm.awaitLog("marker " + id);
    ReceivedLog log = InstrumentedJvm.awaitLog("from jul " + id);
    assertEquals("dev.sidecar.test.jul-to-slf4j", log.scope().getName());
    assertEquals(9, log.logRecord().getSeverityNumberValue());
    assertEquals(List.of("[] [] [] [] from jul " + id), linesContaining(output, "from jul " + id),
        "Logback logged it");
  }

  @Test
  void anEventFromTheLog4jApiBridgedToSlf4jIsCapturedOnce() {
    String id = UUID.randomUUID().toString();
    // log4j-to-slf4j: the Log4j 2 API without log4j-core, implemented by SLF4J, so by Logback.
    org.apache.logging.log4j.LogManager.getLogger("dev.sidecar.test.log4j-to-slf4j").warn("from log4j {}", id);
    LOGGER.info("marker " + id);
    InstrumentedJvm.awaitLog("marker " + id);
    ReceivedLog log = InstrumentedJvm.awaitLog("from log4j " + id);
    assertEquals("dev.sidecar.test.log4j-to-slf4j", log.scope().getName());
    assertEquals("WARN", log.severityText());
    assertEquals(List.of("[] [] [] [] from log4j " + id), linesContaining(output, "from log4j " + id));
  }

  private static OutputStreamAppender<ILoggingEvent> outputTo(LoggerContext context, ByteArrayOutputStream stream) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setContext(context);
    appender.setEncoder(encoder);
    appender.setOutputStream(stream);
    appender.start();
    return appender;
  }

  private static List<String> linesContaining(ByteArrayOutputStream stream, String text) {
    return Arrays.stream(new String(stream.toByteArray(), StandardCharsets.UTF_8).split("\\R"))
        .filter(line -> line.contains(text)).collect(Collectors.toList());
  }
}
