package dev.sidecar.instrumentation.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.sun.net.httpserver.HttpServer;
import dev.sidecar.testing.InstrumentedJvm;
import dev.sidecar.testing.Poll;
import dev.sidecar.testing.ReceivedSpan;
import dev.sidecar.testing.http.PlainHttp;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * With {@code otel.instrumentation.logback-appender.enabled} and {@code log4j-appender.enabled} false
 * (see this module's pom), neither framework's events are captured, and both still print the span's ids.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoggingSwitchedOffTest {
  private static final String PATTERN = "[%X{trace_id}] [%X{span_id}] %msg%n";
  private final ByteArrayOutputStream logbackOutput = new ByteArrayOutputStream();
  private final StringWriter log4jOutput = new StringWriter();
  private long agentErrorsBefore;

  @BeforeAll
  void start() {
    // Logback is configured before the receiver starts, whose gRPC server would otherwise log at DEBUG.
    ch.qos.logback.classic.LoggerContext logback =
        (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(logback);
    encoder.setPattern(PATTERN);
    encoder.start();
    OutputStreamAppender<ILoggingEvent> logbackAppender = new OutputStreamAppender<>();
    logbackAppender.setContext(logback);
    logbackAppender.setEncoder(encoder);
    logbackAppender.setOutputStream(logbackOutput);
    logbackAppender.start();
    ch.qos.logback.classic.Logger logbackRoot = logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logbackRoot.detachAndStopAllAppenders();
    logbackRoot.addAppender(logbackAppender);
    logbackRoot.setLevel(ch.qos.logback.classic.Level.INFO);

    LoggerContext log4j = (LoggerContext) LogManager.getContext(false);
    Configuration config = log4j.getConfiguration();
    PatternLayout layout = PatternLayout.newBuilder().withConfiguration(config).withPattern(PATTERN).build();
    Appender log4jAppender = WriterAppender.newBuilder().setName("memory").setTarget(log4jOutput).setLayout(layout)
        .build();
    log4jAppender.start();
    config.addAppender(log4jAppender);
    LoggerConfig log4jRoot = config.getRootLogger();
    for (String name : log4jRoot.getAppenders().keySet()) {
      log4jRoot.removeAppender(name);
    }
    log4jRoot.addAppender(log4jAppender, null, null);
    log4jRoot.setLevel(Level.INFO);
    log4j.updateLoggers();
    InstrumentedJvm.receiver();
    agentErrorsBefore = InstrumentedJvm.agentErrors();
  }

  @AfterAll
  void stop() {
    InstrumentedJvm.assertNoAgentErrors(agentErrorsBefore);
  }

  @Test
  void nothingIsCapturedAndTheOwnOutputStillCarriesTheSpan() throws Exception {
    String id = UUID.randomUUID().toString();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      LoggerFactory.getLogger("dev.sidecar.test.logback").warn("logback " + id);
      LogManager.getLogger("dev.sidecar.test.log4j").warn("log4j " + id);
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.start();
    try {
      String traceId = "4bf92f3577b34da6a3ce929d0e0e" + id.substring(0, 4).replace('-', '0');
      PlainHttp.send(server.getAddress().getPort(), "GET", "/log", Map.of("traceparent",
          "00-" + traceId + "-00f067aa0ba902b7-01"));
      ReceivedSpan span = InstrumentedJvm.awaitTrace(traceId, 1).get(0);
      String ids = "[" + span.traceId() + "] [" + span.spanId() + "] ";
      assertEquals(List.of(ids + "logback " + id),
          linesContaining(new String(logbackOutput.toByteArray(), StandardCharsets.UTF_8), "logback " + id));
      assertEquals(List.of(ids + "log4j " + id), linesContaining(log4jOutput.toString(), "log4j " + id));
    } finally {
      server.stop(0);
    }
    // java.util.logging is still captured: its record, exported after the others, proves they were not.
    java.util.logging.Logger.getLogger("dev.sidecar.test.jul").info("marker " + id);
    Poll.until(InstrumentedJvm.TIMEOUT, () -> InstrumentedJvm.logBodiesContaining("marker " + id), l -> !l.isEmpty(), "the marker");
    assertEquals(List.of(), InstrumentedJvm.logBodiesContaining("logback " + id));
    assertEquals(List.of(), InstrumentedJvm.logBodiesContaining("log4j " + id));
  }

  private static List<String> linesContaining(String output, String text) {
    return Arrays.stream(output.split("\\R")).filter(line -> line.contains(text)).collect(Collectors.toList());
  }
}
