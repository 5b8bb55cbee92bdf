package dev.sidecar.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Finding, awaiting and describing received spans, and the span shapes the agent promises. */
final class Spans {

  static final Duration TIMEOUT = Duration.ofSeconds(20);
  static final String SERVER_SCOPE = "dev.sidecar.java-http-server";
  static final String CLIENT_SCOPE = "dev.sidecar.java-http-client";
  static final String HTTP_PROTOBUF = "http/protobuf";
  static final String GRPC = "grpc";

  private Spans() {}

  /**
   * Waits until the received spans satisfy {@code done}. On timeout, fails with every span received (one line
   * each) and the output of {@code apps}.
   */
  static List<ReceivedSpan> await(
      OtlpReceiver receiver, Duration timeout, String description, Predicate<List<ReceivedSpan>> done,
      AppProcess... apps) {
    try {
      return receiver.awaitSpans(done, timeout);
    } catch (AssertionError e) {
      // Not chained: the receiver's message dumps every span as a protobuf message.
      throw new AssertionError("Timed out after " + timeout + " waiting for " + description + "\n"
          + describe(receiver.spans()) + AppProcess.outputs(apps));
    }
  }

  /** Waits until a span matches and returns it; fails if several match. */
  static ReceivedSpan awaitOne(
      OtlpReceiver receiver, String description, Predicate<ReceivedSpan> matches, AppProcess... apps) {
    List<ReceivedSpan> spans =
        await(receiver, TIMEOUT, description, all -> all.stream().anyMatch(matches), apps);
    return only(spans, description, matches, apps);
  }

  /** The only span among {@code spans} that matches; fails if none or several do. */
  static ReceivedSpan only(
      List<ReceivedSpan> spans, String description, Predicate<ReceivedSpan> matches, AppProcess... apps) {
    List<ReceivedSpan> found = spans.stream().filter(matches).toList();
    assertEquals(1, found.size(), () -> "expected exactly one span: " + description + "\n" + describe(spans)
        + AppProcess.outputs(apps));
    return found.get(0);
  }

  static List<ReceivedSpan> inTrace(List<ReceivedSpan> spans, String traceId) {
    return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
  }

  /** A SERVER span of {@code service} for {@code path}, with {@code query} (null: none) as its url.query. */
  static Predicate<ReceivedSpan> server(String service, String path, String query) {
    return span -> span.kind() == Span.SpanKind.SPAN_KIND_SERVER
        && service.equals(span.serviceName())
        && path.equals(span.attribute("url.path"))
        && Objects.equals(query, span.attribute("url.query"));
  }

  static Predicate<ReceivedSpan> ofService(String service) {
    return span -> service.equals(span.serviceName());
  }

  static Status.StatusCode status(ReceivedSpan span) {
    return span.span().getStatus().getCode();
  }

  /**
   * The exact attributes of a server span for a GET from a {@code java.net.http} client to an app on 127.0.0.1
   * over HTTP/1.1, with {@code http.route} when {@code route} is not null. The client's ephemeral port is only
   * known from the span, so it is taken from there.
   */
  static Map<String, String> serverAttributes(
      ReceivedSpan span, int serverPort, String path, String query, String userAgent, int status, String route) {
    Map<String, String> expected = new TreeMap<>();
    expected.put("http.request.method", "GET");
    expected.put("url.scheme", "http");
    expected.put("url.path", path);
    if (query != null) {
      expected.put("url.query", query);
    }
    expected.put("server.address", "127.0.0.1");
    expected.put("server.port", String.valueOf(serverPort));
    expected.put("network.protocol.version", "1.1");
    expected.put("user_agent.original", userAgent);
    expected.put("client.address", "127.0.0.1");
    expected.put("network.peer.address", "127.0.0.1");
    expected.put("network.peer.port", peerPort(span, serverPort));
    expected.put("http.response.status_code", String.valueOf(status));
    if (route != null) {
      expected.put("http.route", route);
    }
    if (status >= 500) {
      expected.put("error.type", String.valueOf(status));
    }
    return expected;
  }

  /** The exact attributes of a client span for a GET with {@code java.net.http} over HTTP/1.1. */
  static Map<String, String> clientAttributes(String url, String serverAddress, int serverPort, int status) {
    Map<String, String> expected = new TreeMap<>();
    expected.put("http.request.method", "GET");
    expected.put("url.full", url);
    expected.put("server.address", serverAddress);
    expected.put("server.port", String.valueOf(serverPort));
    expected.put("network.protocol.version", "1.1");
    expected.put("http.response.status_code", String.valueOf(status));
    if (status >= 400) {
      expected.put("error.type", String.valueOf(status));
    }
    return expected;
  }

  /** The span's network.peer.port if it is a valid client port other than the server's, else a marker that fails. */
  private static String peerPort(ReceivedSpan span, int serverPort) {
    String value = span.attribute("network.peer.port");
    try {
      int port = Integer.parseInt(value);
      if (port > 0 && port <= 65535 && port != serverPort) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported through the mismatch below.
    }
    return "<a client port in 1..65535 other than " + serverPort + ">";
  }

  /** One line per span, for failure messages. */
  static String describe(List<ReceivedSpan> spans) {
    if (spans.isEmpty()) {
      return "(no spans received)\n";
    }
    return spans.stream().map(Spans::describe).collect(Collectors.joining("\n", "received spans:\n", "\n"));
  }

  static String describe(ReceivedSpan span) {
    return String.format("  '%s' %s service=%s trace=%s span=%s parent=%s status=%s scope=%s protocol=%s %s",
        span.name(), span.kind(), span.serviceName(), span.traceId(), span.spanId(),
        span.parentSpanId().isEmpty() ? "-" : span.parentSpanId(), status(span), span.scope().getName(),
        span.protocol(), span.attributes());
  }
}
