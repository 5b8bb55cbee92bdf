package dev.sidecar.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * For tests that run inside a JVM started with the built agent jar: the receiver the agent exports
 * to (on the port the build reserved and passed as {@code sidecar.test.otlp.http.port}), and a
 * check that the agent swallowed no error of its own while the test ran.
 */
public final class InstrumentedJvm {
  public static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static OtlpReceiver receiver;

  private InstrumentedJvm() {}

  /** The receiver for this JVM, started on first use and kept for the JVM's life. */
  public static synchronized OtlpReceiver receiver() {
    if (receiver == null) {
      String port = System.getProperty("sidecar.test.otlp.http.port");
      if (port == null) {
        throw new IllegalStateException("sidecar.test.otlp.http.port is not set: run this test with the agent,"
            + " as the module's surefire configuration does");
      }
      receiver = OtlpReceiver.start(Integer.parseInt(port), 0);
    }
    return receiver;
  }

  /** The spans of {@code traceId}, once at least {@code count} have arrived. */
  public static List<ReceivedSpan> awaitTrace(String traceId, int count) {
    return Poll.until(TIMEOUT, () -> spansOf(traceId), spans -> spans.size() >= count,
        count + " spans of trace " + traceId);
  }

  /** The one span matching {@code match}, once it arrived. */
  public static ReceivedSpan awaitSpan(Predicate<ReceivedSpan> match, String description) {
    return Poll.until(TIMEOUT, () -> receiver().spans().stream().filter(match).collect(Collectors.toList()),
        spans -> !spans.isEmpty(), description).get(0);
  }

  public static List<ReceivedSpan> spansOf(String traceId) {
    return receiver().spans().stream().filter(s -> s.traceId().equals(traceId)).collect(Collectors.toList());
  }

  /** The one log record with exactly this body, once it arrived; fails if several did. */
  public static ReceivedLog awaitLog(String body) {
    List<ReceivedLog> logs = Poll.until(TIMEOUT, () -> logsWithBody(body), l -> !l.isEmpty(),
        "a log record '" + body + "'");
    assertEquals(1, logs.size(), logs::toString);
    return logs.get(0);
  }

  public static List<ReceivedLog> logsWithBody(String body) {
    return receiver().logs().stream().filter(l -> l.body().equals(body)).collect(Collectors.toList());
  }

  /** The bodies received so far that contain {@code text}. */
  public static List<String> logBodiesContaining(String text) {
    return receiver().logs().stream().map(ReceivedLog::body).filter(b -> b.contains(text)).collect(Collectors.toList());
  }

  /** The number of errors the agent counted instead of letting them reach the application. */
  public static long agentErrors() {
    try {
      return (long) Class.forName("dev.sidecar.bootstrap.AgentErrors").getMethod("count").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the agent's bootstrap classes are missing: is the agent running?", e);
    }
  }

  public static void assertNoAgentErrors(long before) {
    assertEquals(before, agentErrors(), "the agent swallowed errors of its own during the test");
  }
}
