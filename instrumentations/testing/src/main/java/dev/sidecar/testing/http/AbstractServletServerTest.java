package dev.sidecar.testing.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server suite plus what a servlet container adds. Beyond {@link AbstractHttpServerTest}'s
 * routes the container serves: {@code /forward} (forwards to {@code /success}), {@code /include}
 * (includes it), {@code /send-error} ({@code sendError(404)}, with an error page at
 * {@code /error-page}), {@code /async} (starts async; another thread answers 201 after 50 ms and
 * completes), {@code /async-complete-now} (starts async, answers 202 and completes before
 * {@code service} returns), {@code /async-dispatch} (starts async; another thread dispatches to {@code /success}),
 * {@code /wrapped-exception} (throws {@code ServletException} caused by
 * {@code IllegalStateException("wrapped")}, as frameworks wrap the application's exceptions).
 * Every request also passes a pass-through filter.
 */
public abstract class AbstractServletServerTest extends AbstractHttpServerTest {
  @Override
  protected int statusForHandlerException() {
    return 500;
  }

  /** Every container's servlet is mapped to {@code /*}, in the root context. */
  @Override
  protected String route() {
    return "/*";
  }

  @Test
  void forwardMakesNoSecondSpan() throws Exception {
    assertEquals("/forward", oneOkSpan("/forward", 200).attribute("url.path"));
  }

  @Test
  void includeMakesNoSecondSpan() throws Exception {
    assertEquals("/include", oneOkSpan("/include", 200).attribute("url.path"));
  }

  @Test
  void errorPageDispatchMakesNoSecondSpan() throws Exception {
    ReceivedSpan span = oneOkSpan("/send-error", 404);
    assertEquals("404", span.attribute("http.response.status_code"));
  }

  @Test
  void asyncRequestEndsWhenTheResponseCompletes() throws Exception {
    ReceivedSpan span = oneOkSpan("/async", 201);
    assertEquals("201", span.attribute("http.response.status_code"));
    long durationNanos = span.span().getEndTimeUnixNano() - span.span().getStartTimeUnixNano();
    assertTrue(durationNanos >= 50_000_000L, "the span covers the async work, not just service(): " + durationNanos);
  }

  @Test
  void asyncRequestCompletedInsideServiceMakesOneSpan() throws Exception {
    assertEquals("/async-complete-now", oneOkSpan("/async-complete-now", 202).attribute("url.path"));
  }

  @Test
  void asyncDispatchEndsWhenTheDispatchReturns() throws Exception {
    ReceivedSpan span = oneOkSpan("/async-dispatch", 200);
    assertEquals("/async-dispatch", span.attribute("url.path"));
  }

  @Test
  void aWrappedExceptionIsNamedByItsCause() throws Exception {
    String traceId = newTraceId();
    assertEquals(500, send("GET", "/wrapped-exception", traceparent(traceId), null));
    ReceivedSpan span = onlySpanOf(traceId);
    assertEquals(Status.StatusCode.STATUS_CODE_ERROR, span.span().getStatus().getCode());
    assertEquals("java.lang.IllegalStateException", span.attribute("error.type"));
    assertEquals("500", span.attribute("http.response.status_code"));
  }

  private ReceivedSpan oneOkSpan(String path, int expectedStatus) throws Exception {
    String traceId = newTraceId();
    assertEquals(expectedStatus, send("GET", path, traceparent(traceId), null));
    ReceivedSpan span = onlySpanOf(traceId);
    assertEquals(Status.StatusCode.STATUS_CODE_UNSET, span.span().getStatus().getCode());
    assertEquals(String.valueOf(expectedStatus), span.attribute("http.response.status_code"));
    return span;
  }
}
