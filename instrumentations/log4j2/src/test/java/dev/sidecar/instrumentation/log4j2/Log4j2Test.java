package dev.sidecar.instrumentation.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.Poll;
import dev.sidecar.testing.ReceivedLog;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.WallClockWindow;
import dev.sidecar.testing.http.PlainHttp;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.LifeCycle;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.async.AsyncLoggerConfig;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Log records and context-data trace ids from the real Log4j 2 (log4j-core), in a JVM running the built
 * agent. The same class runs on the newest Log4j 2 and on Log4j 2.17.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Log4j2Test {
  private static final Logger LOGGER = LogManager.getLogger("dev.sidecar.test.log4j");
  private static final Logger ASYNC = LogManager.getLogger("dev.sidecar.test.log4j.async");
  private final StringWriter output = new StringWriter();
  private long agentErrorsBefore;

  @BeforeAll
  @SuppressWarnings("deprecation") // AsyncLoggerConfig.createLogger: the one factory that 2.17 and 2.2x share
  void start() {
    InstrumentedJvm.receiver();
    agentErrorsBefore = InstrumentedJvm.agentErrors();
    // The application's own output, as a user's configuration would write it: root at INFO.
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    PatternLayout layout = PatternLayout.newBuilder().withConfiguration(config)
        .withPattern("[%X{trace_id}] [%X{span_id}] [%X{trace_flags}] [%X{order}] %msg%n").build();
    Appender appender = WriterAppender.newBuilder().setName("memory").setTarget(output).setLayout(layout).build();
    appender.start();
    config.addAppender(appender);
    LoggerConfig root = config.getRootLogger();
    for (String name : root.getAppenders().keySet()) {
      root.removeAppender(name);
    }
    root.addAppender(appender, null, null);
    root.setLevel(Level.INFO);
    // A logger with a configuration and an appender of its own, additive: an event passes its and the root's.
    LoggerConfig nested = new LoggerConfig("dev.sidecar.test.log4j.nested", Level.INFO, true);
    nested.addAppender(appender, null, null);
    config.addLogger(nested.getName(), nested);
    config.addLogger("dev.sidecar.test.log4j.verbose", new LoggerConfig("dev.sidecar.test.log4j.verbose", Level.ALL,
        true));
    // An <AsyncLogger>: its appenders run on the Disruptor's thread, which a configuration file would start.
    ((LifeCycle) config.getAsyncLoggerConfigDelegate()).start();
    LoggerConfig async = AsyncLoggerConfig.createLogger(false, Level.INFO, "dev.sidecar.test.log4j.async", "false",
        new AppenderRef[0], null, config, null);
    async.addAppender(appender, null, null);
    config.addLogger(async.getName(), async);
    context.updateLoggers();
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
    assertEquals("dev.sidecar.test.log4j", log.scope().getName());
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
  void everyLevelMapsToOpenTelemetrysSeverityAndACustomLevelKeepsItsName() {
    String id = UUID.randomUUID().toString();
    Logger verbose = LogManager.getLogger("dev.sidecar.test.log4j.verbose");
    for (Level level : new Level[] {Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.FATAL,
        Level.forName("NOTICE", 350)}) {
      verbose.log(level, "level " + id);
    }
    List<ReceivedLog> logs = Poll.until(InstrumentedJvm.TIMEOUT, () -> InstrumentedJvm.logsWithBody("level " + id), l -> l.size() >= 7,
        "seven records");
    assertEquals(List.of("TRACE 1", "DEBUG 5", "INFO 9", "WARN 13", "ERROR 17", "FATAL 21", "NOTICE 13"),
        logs.stream().map(l -> l.severityText() + " " + l.logRecord().getSeverityNumberValue())
            .collect(Collectors.toList()));
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
  void anEventPassingAParentConfigurationIsCapturedOnce() {
    String id = UUID.randomUUID().toString();
    LogManager.getLogger("dev.sidecar.test.log4j.nested.child").info("nested " + id);
    LOGGER.info("marker " + id);
    InstrumentedJvm.awaitLog("marker " + id);
    assertEquals("dev.sidecar.test.log4j.nested.child", InstrumentedJvm.awaitLog("nested " + id).scope().getName());
    assertEquals(2, linesContaining("nested " + id).size(), "written by the logger's appender and the root's");
  }

  @Test
  void insideARequestTheRecordAndTheApplicationsOwnOutputCarryTheSpan() throws Exception {
    String id = UUID.randomUUID().toString();
    AtomicReference<String> handlerThread = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      handlerThread.set(Thread.currentThread().getName());
      ThreadContext.put("order", id);
      try {
        LOGGER.info("handling " + id);
        ASYNC.info("queued " + id);
      } finally {
        ThreadContext.remove("order");
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
      assertEquals(List.of(expected + "handling " + id), linesContaining("handling " + id));
      // An AsyncLoggerConfig's appenders run later, on its own thread: the event was captured on the caller's.
      ReceivedLog queued = InstrumentedJvm.awaitLog("queued " + id);
      assertEquals(handlerThread.get(), queued.attribute("thread.name"));
      assertEquals(span.spanId(), queued.spanId());
      assertEquals(List.of(expected + "queued " + id), Poll.until(InstrumentedJvm.TIMEOUT,
          () -> linesContaining("queued " + id), l -> !l.isEmpty(), "the async logger's line"));
    } finally {
      server.stop(0);
    }
    LOGGER.info("outside " + id);
    assertEquals(List.of("[] [] [] [] outside " + id), linesContaining("outside " + id));
  }

  @Test
  void anEventFromSlf4jRoutedToLog4jIsCapturedOnce() {
    String id = UUID.randomUUID().toString();
    // log4j-slf4j2-impl (log4j-slf4j-impl on 2.17): SLF4J implemented by Log4j 2.
    org.slf4j.LoggerFactory.getLogger("dev.sidecar.test.slf4j-to-log4j").info("from slf4j {}", id);
    LOGGER.info("marker " + id);
    InstrumentedJvm.awaitLog("marker " + id);
    ReceivedLog log = InstrumentedJvm.awaitLog("from slf4j " + id);
    assertEquals("dev.sidecar.test.slf4j-to-log4j", log.scope().getName());
    assertEquals("INFO", log.severityText());
    assertEquals(List.of("[] [] [] [] from slf4j " + id), linesContaining("from slf4j " + id));
  }

  private List<String> linesContaining(String text) {
    return Arrays.stream(output.toString().split("\\R")).filter(line -> line.contains(text))
        .collect(Collectors.toList());
  }
}
