package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileSummaryTest {
  private static final List<String> STACKS = List.of(
      "[http-nio-127.0.0.1-8080-exec-1 tid=11];java/lang/Thread.run;jakarta/servlet/http/HttpServlet.service;"
          + "dev/sidecar/bootstrap/http/HttpServerSpans.start;dev/sidecar/bootstrap/SpanRecord.<init> 30",
      "[http-nio-127.0.0.1-8080-exec-2 tid=12];java/lang/Thread.run;jakarta/servlet/http/HttpServlet.service;"
          + "org/apache/catalina/connector/RequestFacade.getHeader 20",
      // The benchmark's own app is not the agent, though its package starts the same.
      "[http-nio-127.0.0.1-8080-exec-2 tid=12];java/lang/Thread.run;"
          + "dev/sidecar/benchmarks/wholeprocess/apps/TomcatHelloApp$HelloServlet.doGet 150",
      // The JDK's code the agent calls is the agent's cost.
      "[http-nio-127.0.0.1-8080-exec-1 tid=11];java/lang/Thread.run;jakarta/servlet/http/HttpServlet.service;"
          + "dev/sidecar/bootstrap/SpanRecord.end;java/lang/ThreadLocal.get;clock_gettime_[k] 5",
      // An agent's wrapper around a task does not make the library's code it runs the agent's.
      "[http-nio-127.0.0.1-8080-exec-3 tid=14];java/lang/Thread.run;"
          + "io/opentelemetry/javaagent/bootstrap/executors/ContextRunnable.run;"
          + "org/apache/coyote/http11/Http11Processor.service;java/lang/String.equals 400",
      "[http-nio-127.0.0.1-8080-Poller tid=13];sun/nio/ch/EPoll.wait;do_epoll_wait_[k] 295",
      "[sidecar-export-0 tid=20];dev/sidecar/agent/export/ExportLoop.run 60",
      "[sidecar-otlp-http-1-1 tid=21];java/net/Socket.write 25",
      "[sidecar-otlp-http-1-2 tid=22];java/net/Socket.write 15",
      "[C2 CompilerThread0 tid=5];Compile::Compile 0",
      "");

  @Test
  void sharesOfTheProcessSamplesForTheAgentsCodeAndItsThreads() {
    ProfileSummary summary = ProfileSummary.of(STACKS.stream());
    assertEquals(1000, summary.samples());
    assertEquals(0.035, summary.agentCodeOnAppThreads(), 1e-12);
    assertEquals(Map.of("sidecar-export", 0.060, "sidecar-otlp-http", 0.040), summary.agentThreads());
  }

  @Test
  void describedInMicrosecondsARequest() {
    String line = ProfileSummary.of(STACKS.stream()).describe(25.0, Path.of("t.collapsed"));
    assertEquals("agent's code on the application's threads 0.88 µs a request, sidecar-export 1.50 µs,"
        + " sidecar-otlp-http 1.00 µs (1000 samples; stacks in t.collapsed)", line);
  }

  @Test
  void threadNamesLoseTheirIdsAndPoolsTheirNumbers() {
    assertEquals("sidecar-otlp-http-1-3", ProfileSummary.threadName("[sidecar-otlp-http-1-3 tid=15960]"));
    assertEquals("sidecar-otlp-http", ProfileSummary.group("sidecar-otlp-http-1-3"));
    assertEquals("sidecar-export", ProfileSummary.group("sidecar-export-0"));
    assertEquals("BatchSpanProcessor_WorkerThread", ProfileSummary.group("BatchSpanProcessor_WorkerThread-1"));
    assertEquals("OkHttp TaskRunner", ProfileSummary.group("OkHttp TaskRunner"));
  }
}
