package dev.sidecar.smoke;

import static dev.sidecar.smoke.Spans.CLIENT_SCOPE;
import static dev.sidecar.smoke.Spans.HTTP_PROTOBUF;
import static dev.sidecar.smoke.Spans.TIMEOUT;
import static dev.sidecar.smoke.Spans.inTrace;
import static dev.sidecar.smoke.Spans.only;
import static dev.sidecar.smoke.Spans.status;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.OtlpReceiver;
import dev.sidecar.testing.ReceivedSpan;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The petclinic-like Spring Boot app ({@code smoke-tests/spring-boot-app}: Spring MVC on embedded Tomcat 10.1) with
 * the agent. Spring MVC routes name the servlet server spans; a 404 is named after Spring Boot's static resources;
 * an exception makes an error span with its event; asynchronous requests end with their response; a client call
 * inside a request links three spans. Then the switches: with spring-webmvc off the servlet spans have the
 * DispatcherServlet's mapping for route, with servlet off there are no server spans, while client spans remain.
 *
 * <p>Per JDK, one receiver and one app serve the scripted requests (started on first use, stopped after the
 * class). Every request carries a {@code traceparent} of its own, so each trace holds exactly that request's spans.
 */
@DisplayName("Spring Boot petclinic app")
class SpringBootSmokeTest {

  private static final String SERVICE = "petclinic";
  private static final String SERVLET_SCOPE = "dev.sidecar.servlet";
  /** How long the app's async handlers take at least to answer ({@code AsyncController.DELAY_MILLIS}). */
  private static final long ASYNC_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final String AGENT_WARNING = "[sidecar] WARN";

  /**
   * One request of the script and what it must make.
   *
   * @param bodyContains a piece of the response body, or null to skip that check
   * @param spanCount every span of its trace: its server span, plus the client span and the server span of the
   *     app's call to itself for {@code /vets/5}
   * @param spanName the name of its server span
   * @param route its server span's {@code http.route}, or null for none
   */
  private record Step(String pathAndQuery, int status, String bodyContains, int spanCount, String spanName,
      String route) {

    String path() {
      int query = pathAndQuery.indexOf('?');
      return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    String query() {
      int query = pathAndQuery.indexOf('?');
      return query < 0 ? null : pathAndQuery.substring(query + 1);
    }

    boolean async() {
      return pathAndQuery.startsWith("/deferred/") || pathAndQuery.startsWith("/callable/");
    }

    @Override
    public String toString() {
      return "GET " + pathAndQuery;
    }
  }

  private static final Step OWNER =
      new Step("/owners/7", 200, "\"lastName\":\"Black\"", 1, "GET /owners/{ownerId}", "/owners/{ownerId}");
  private static final Step PET = new Step("/owners/7/pets/3", 200, "\"name\":\"Lucky\"", 1,
      "GET /owners/{ownerId}/pets/{petId}", "/owners/{ownerId}/pets/{petId}");
  private static final Step FIND =
      new Step("/owners?lastName=Davis", 200, "\"firstName\":\"Harold\"", 1, "GET /owners", "/owners");
  // No controller takes it: Spring Boot's static resources (/**) do, and find nothing. The route is theirs.
  private static final Step MISSING = new Step("/missing", 404, null, 1, "GET /**", "/**");
  private static final Step FAIL = new Step("/fail", 500, null, 1, "GET /fail", "/fail");
  private static final Step DEFERRED =
      new Step("/deferred/1", 200, "deferred 1", 1, "GET /deferred/{id}", "/deferred/{id}");
  private static final Step CALLABLE =
      new Step("/callable/2", 200, "callable 2", 1, "GET /callable/{id}", "/callable/{id}");
  private static final Step VET =
      new Step("/vets/5", 200, "\"lastName\":\"McTavish\"", 3, "GET /vets/{vetId}", "/vets/{vetId}");
  private static final List<Step> SCRIPT = List.of(OWNER, PET, FIND, MISSING, FAIL, DEFERRED, CALLABLE, VET);

  private static final Map<JavaHome, PetClinic> CLINICS = new ConcurrentHashMap<>();

  @AfterAll
  static void stopApps() {
    CLINICS.values().forEach(PetClinic::close);
    CLINICS.clear();
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("each request makes exactly its spans: routes, a 404, a 500 with its exception, async, a client call")
  void scriptedRequests(JavaHome jdk) {
    PetClinic clinic = CLINICS.computeIfAbsent(jdk, PetClinic::start);
    AppProcess app = clinic.app;

    Map<Step, TraceParent> callers = new LinkedHashMap<>();
    for (Step step : SCRIPT) {
      TraceParent caller = TraceParent.random();
      HttpResponse<String> response = Http.get(app, step.pathAndQuery(), "traceparent", caller.header());
      assertEquals(step.status(), response.statusCode(), () -> step + " answered " + response.body() + app.output());
      if (step.bodyContains() != null) {
        assertTrue(response.body().contains(step.bodyContains()),
            () -> step + " answered " + response.body() + app.output());
      }
      callers.put(step, caller);
    }
    Spans.await(clinic.receiver, TIMEOUT, "the spans of every request",
        spans -> callers.entrySet().stream()
            .allMatch(sent -> inTrace(spans, sent.getValue().traceId()).size() >= sent.getKey().spanCount()),
        app);

    // No trace gets another span later: the app exports its spans in the order they end, so once the span of a
    // later request has arrived, anything of the earlier requests would have too.
    TraceParent marker = TraceParent.random();
    assertEquals(200, Http.get(app, "/owners/1", "traceparent", marker.header()).statusCode(), app::output);
    List<ReceivedSpan> received = Spans.await(clinic.receiver, TIMEOUT, "the span of the marker request",
        spans -> !inTrace(spans, marker.traceId()).isEmpty(), app);

    Supplier<String> context = () -> Spans.describe(received) + app.output();
    List<Executable> checks = new ArrayList<>();
    for (Map.Entry<Step, TraceParent> sent : callers.entrySet()) {
      checks.add(() -> assertTrace(sent.getKey(), sent.getValue(), received, jdk, app, context));
    }
    checks.add(() -> assertNoAgentWarning(app));
    assertAll("the trace of each request", checks);
  }

  @ParameterizedTest(name = "on {0}")
  @MethodSource("dev.sidecar.smoke.JavaHome#all")
  @DisplayName("spring-webmvc off: server spans with the servlet's route; servlet off: no server spans, client spans still")
  void instrumentationsTurnedOff(JavaHome jdk) {
    try (OtlpReceiver noRoutesReceiver = OtlpReceiver.start();
        OtlpReceiver noServletReceiver = OtlpReceiver.start()) {
      // One after the other: on two cores, starting both at once is no faster, and each start has a deadline.
      try (AppProcess noRoutes = petclinic("petclinic-without-spring-webmvc", jdk, noRoutesReceiver)
              .property("otel.instrumentation.spring-webmvc.enabled", false)
              .start();
          AppProcess noServlet = petclinic("petclinic-without-servlet", jdk, noServletReceiver)
              .property("otel.instrumentation.servlet.enabled", false)
              .start()) {
        assertAll("the instrumentations turned off",
            () -> assertServerSpansWithoutRoutes(noRoutes, noRoutesReceiver),
            () -> assertNoServerSpans(noServlet, noServletReceiver));
      }
    }
  }

  /**
   * Spring MVC routes off, servlet spans on: {@code /owners/7} makes one span, named after the mapping of the
   * DispatcherServlet, Spring Boot's default servlet: {@code GET /*}.
   */
  private static void assertServerSpansWithoutRoutes(AppProcess app, OtlpReceiver receiver) {
    TraceParent caller = TraceParent.random();
    HttpResponse<String> response = Http.get(app, OWNER.pathAndQuery(), "traceparent", caller.header());
    assertEquals(200, response.statusCode(), app::output);
    assertTrue(response.body().contains(OWNER.bodyContains()), () -> response.body() + app.output());
    Spans.await(receiver, TIMEOUT, "the span of " + OWNER, spans -> !inTrace(spans, caller.traceId()).isEmpty(), app);

    TraceParent marker = TraceParent.random();
    assertEquals(200, Http.get(app, "/owners/1", "traceparent", marker.header()).statusCode(), app::output);
    List<ReceivedSpan> received = Spans.await(receiver, TIMEOUT, "the span of the marker request",
        spans -> !inTrace(spans, marker.traceId()).isEmpty(), app);

    Supplier<String> context = () -> Spans.describe(received) + app.output();
    List<ReceivedSpan> trace = inTrace(received, caller.traceId());
    assertEquals(1, trace.size(), context);
    ReceivedSpan span = trace.get(0);
    assertAll("the span of " + OWNER + " without spring-webmvc",
        () -> assertServerSpan(span, caller.spanId(), "GET /*",
            serverAttributes(span, app.port(), OWNER.path(), null, Http.userAgent(), 200, "/*"), context),
        () -> assertEquals(List.of(), span.span().getEventsList(), context),
        // The request and the marker, nothing else.
        () -> assertEquals(2, received.size(), context),
        () -> assertNoAgentWarning(app));
  }

  /**
   * Servlet spans off: {@code /owners/7} makes no span. Then {@code /vets/5}: its client call still makes a span,
   * which ends after {@code /owners/7} did, so once it has arrived, a span of {@code /owners/7} would have too.
   */
  private static void assertNoServerSpans(AppProcess app, OtlpReceiver receiver) {
    TraceParent caller = TraceParent.random();
    HttpResponse<String> response = Http.get(app, OWNER.pathAndQuery(), "traceparent", caller.header());
    assertEquals(200, response.statusCode(), app::output);
    assertTrue(response.body().contains(OWNER.bodyContains()), () -> response.body() + app.output());

    TraceParent marker = TraceParent.random();
    HttpResponse<String> vet = Http.get(app, VET.pathAndQuery(), "traceparent", marker.header());
    assertEquals(200, vet.statusCode(), app::output);
    assertTrue(vet.body().contains(VET.bodyContains()), () -> vet.body() + app.output());
    String url = app.baseUrl() + "/owners/5";
    List<ReceivedSpan> received = Spans.await(receiver, TIMEOUT, "the CLIENT span of the call to " + url,
        spans -> spans.stream().anyMatch(span -> span.kind() == SpanKind.SPAN_KIND_CLIENT
            && url.equals(span.attribute("url.full"))),
        app);

    Supplier<String> context = () -> Spans.describe(received) + app.output();
    ReceivedSpan client = only(received, "the CLIENT span", span -> span.kind() == SpanKind.SPAN_KIND_CLIENT, app);
    assertAll("the spans without the servlet instrumentation",
        () -> assertEquals(List.of(),
            received.stream().filter(span -> span.kind() == SpanKind.SPAN_KIND_SERVER).toList(), context),
        () -> assertEquals(1, received.size(), context),
        // Nothing took the caller's traceparent in: the client span starts a trace of its own.
        () -> assertEquals("", client.parentSpanId(), context),
        () -> assertNotEquals(marker.traceId(), client.traceId(), context),
        () -> assertNotEquals(caller.traceId(), client.traceId(), context),
        () -> assertEquals("GET", client.name(), context),
        () -> assertEquals(CLIENT_SCOPE, client.scope().getName(), context),
        () -> assertEquals(SERVICE, client.serviceName(), context),
        () -> assertEquals(StatusCode.STATUS_CODE_UNSET, status(client), context),
        () -> assertEquals(Spans.clientAttributes(url, "127.0.0.1", app.port(), 200), client.attributesBesideThread(), context),
        () -> assertNoAgentWarning(app));
  }

  /** Exactly the spans {@code step} must make in the trace of {@code caller}. */
  private static void assertTrace(Step step, TraceParent caller, List<ReceivedSpan> received, JavaHome jdk,
      AppProcess app, Supplier<String> context) {
    List<ReceivedSpan> trace = inTrace(received, caller.traceId());
    assertEquals(step.spanCount(), trace.size(), () -> "the spans of " + step + "\n" + context.get());
    ReceivedSpan server = only(trace, "the server span of " + step + ", child of the caller",
        span -> span.kind() == SpanKind.SPAN_KIND_SERVER && span.parentSpanId().equals(caller.spanId()), app);
    int port = app.port();
    Map<String, String> attributes =
        serverAttributes(server, port, step.path(), step.query(), Http.userAgent(), step.status(), step.route());
    List<Executable> checks = new ArrayList<>();
    if (step == FAIL) {
      // The handler threw: the exception names the error, and is recorded.
      attributes.put("error.type", IllegalStateException.class.getName());
      checks.add(() -> assertExceptionEvent(server, context));
    } else {
      checks.add(() -> assertEquals(List.of(), server.span().getEventsList(), context));
    }
    checks.add(() -> assertServerSpan(server, caller.spanId(), step.spanName(), attributes, context));
    if (step.async()) {
      long nanos = server.span().getEndTimeUnixNano() - server.span().getStartTimeUnixNano();
      checks.add(() -> assertTrue(nanos >= ASYNC_DELAY_NANOS,
          () -> step + " answered after at least 50 ms, but its span lasted " + nanos / 1e6 + " ms\n" + context.get()));
    }
    if (step == VET) {
      checks.add(() -> assertCallToItself(server, trace, jdk, port, context));
    }
    assertAll(step.toString(), checks);
  }

  /** {@code /vets/5} calls {@code /owners/5} of the same app: a CLIENT span, and under it a second server span. */
  private static void assertCallToItself(ReceivedSpan outer, List<ReceivedSpan> trace, JavaHome jdk, int port,
      Supplier<String> context) {
    ReceivedSpan client = only(trace, "the CLIENT span of " + VET, span -> span.kind() == SpanKind.SPAN_KIND_CLIENT);
    ReceivedSpan inner = only(trace, "the server span of the call to /owners/5",
        span -> span.kind() == SpanKind.SPAN_KIND_SERVER && span.parentSpanId().equals(client.spanId()));
    String url = "http://127.0.0.1:" + port + "/owners/5";
    assertAll("the call of " + VET + " to " + url,
        () -> assertEquals(outer.spanId(), client.parentSpanId(), context),
        () -> assertEquals("GET", client.name(), context),
        () -> assertEquals(CLIENT_SCOPE, client.scope().getName(), context),
        () -> assertEquals(SERVICE, client.serviceName(), context),
        () -> assertEquals(StatusCode.STATUS_CODE_UNSET, status(client), context),
        () -> assertEquals(Spans.clientAttributes(url, "127.0.0.1", port, 200), client.attributesBesideThread(), context),
        () -> assertEquals(List.of(), client.span().getEventsList(), context),
        // The call happens inside the handler of /vets/5.
        () -> assertTrue(outer.span().getStartTimeUnixNano() <= client.span().getStartTimeUnixNano()
            && client.span().getEndTimeUnixNano() <= outer.span().getEndTimeUnixNano(), context),
        () -> assertServerSpan(inner, client.spanId(), "GET /owners/{ownerId}",
            serverAttributes(inner, port, "/owners/5", null, jdk.httpClientUserAgent(), 200, "/owners/{ownerId}"),
            context),
        () -> assertEquals(List.of(), inner.span().getEventsList(), context));
  }

  /** Name, kind, parent, scope, service, status and the exact attributes of a servlet server span. */
  private static void assertServerSpan(ReceivedSpan span, String parentSpanId, String name,
      Map<String, String> attributes, Supplier<String> context) {
    boolean serverError = Integer.parseInt(attributes.get("http.response.status_code")) >= 500;
    assertAll("the server span " + Spans.describe(span),
        () -> assertEquals(name, span.name(), context),
        () -> assertEquals(SpanKind.SPAN_KIND_SERVER, span.kind(), context),
        () -> assertEquals(parentSpanId, span.parentSpanId(), context),
        () -> assertEquals(SERVLET_SCOPE, span.scope().getName(), context),
        () -> assertEquals(SERVICE, span.serviceName(), context),
        () -> assertEquals(serverError ? StatusCode.STATUS_CODE_ERROR : StatusCode.STATUS_CODE_UNSET, status(span),
            context),
        () -> assertEquals(attributes, span.attributesBesideThread(), context));
  }

  /** The one {@code exception} event of {@code /fail}: {@code IllegalStateException("kaboom")}. */
  private static void assertExceptionEvent(ReceivedSpan span, Supplier<String> context) {
    List<Span.Event> events = span.span().getEventsList();
    assertEquals(1, events.size(), () -> "the events of " + Spans.describe(span) + ": " + events + context.get());
    Span.Event event = events.get(0);
    Map<String, String> attributes = new TreeMap<>();
    for (KeyValue attribute : event.getAttributesList()) {
      attributes.put(attribute.getKey(), attribute.getValue().getStringValue());
    }
    String stacktrace = attributes.getOrDefault("exception.stacktrace", "");
    assertAll("the exception event of " + Spans.describe(span),
        () -> assertEquals("exception", event.getName(), context),
        () -> assertEquals(IllegalStateException.class.getName(), attributes.get("exception.type"), context),
        () -> assertEquals("kaboom", attributes.get("exception.message"), context),
        () -> assertTrue(stacktrace.startsWith(IllegalStateException.class.getName() + ": kaboom"), context),
        () -> assertTrue(stacktrace.contains("at dev.sidecar.petclinic.CrashController.fail("), context));
  }

  /**
   * The exact attributes of a servlet server span for a GET from {@code java.net.http} over HTTP/1.1 to the app on
   * 127.0.0.1, with {@code http.route} when {@code route} is not null; mutable, for the exceptions to the rule.
   */
  private static Map<String, String> serverAttributes(ReceivedSpan span, int port, String path, String query,
      String userAgent, int status, String route) {
    return new TreeMap<>(Spans.serverAttributes(span, port, path, query, userAgent, status, route));
  }

  private static void assertNoAgentWarning(AppProcess app) {
    assertEquals(List.of(), app.lines().stream().filter(line -> line.contains(AGENT_WARNING)).toList(), app::output);
  }

  /**
   * The app with the agent exporting to {@code receiver} over HTTP/protobuf, on a free port of
   * 127.0.0.1. Its Tomcat works under the build's {@code target}: by default Spring Boot gives it a
   * directory in {@code /tmp}, which an app stopped from outside leaves behind.
   */
  private static AppProcess.Builder petclinic(String name, JavaHome jdk, OtlpReceiver receiver) {
    Path tomcatBase = Path.of("target", "tomcat", name + "-" + jdk.version()).toAbsolutePath();
    return AppProcess.builder(name, jdk)
        .agentExportingTo(SERVICE, HTTP_PROTOBUF, receiver.httpEndpoint())
        .jar(Artifacts.springBootAppJar(), "--server.port=0", "--server.address=127.0.0.1",
            "--server.tomcat.basedir=" + tomcatBase);
  }

  /** The receiver and the app with the agent, on one JDK. */
  private static final class PetClinic implements AutoCloseable {
    final OtlpReceiver receiver;
    final AppProcess app;

    private PetClinic(OtlpReceiver receiver, AppProcess app) {
      this.receiver = receiver;
      this.app = app;
    }

    static PetClinic start(JavaHome jdk) {
      OtlpReceiver receiver = OtlpReceiver.start();
      try {
        return new PetClinic(receiver, petclinic(SERVICE, jdk, receiver).start());
      } catch (RuntimeException | Error e) {
        receiver.close();
        throw e;
      }
    }

    @Override
    public void close() {
      try {
        app.close();
      } finally {
        receiver.close();
      }
    }
  }
}
