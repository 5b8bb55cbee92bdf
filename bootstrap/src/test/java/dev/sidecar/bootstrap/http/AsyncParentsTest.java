package dev.sidecar.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.SpanRecord;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsyncParentsTest {
  @BeforeEach
  void freshState() {
    Handoff.configure(64, 64);
    CurrentSpan.set(null);
  }

  @AfterEach
  void restore() {
    CurrentSpan.set(null);
  }

  @Test
  void queuedCallRunsUnderTheSpanCurrentWhenItWasQueued() throws Exception {
    SpanRecord server = HttpServerSpans.start("srv", "GET", null, null, null);
    Object call = new Object();
    AsyncParents.capture(call);
    AtomicReference<Long> parentOfClient = new AtomicReference<>();
    AtomicReference<SpanRecord> afterwards = new AtomicReference<>(server);
    Thread worker = new Thread(() -> {
      SpanRecord parent = AsyncParents.resume(call);
      SpanRecord client = HttpClientSpans.start("okhttp", "GET");
      parentOfClient.set(client.parentSpanId());
      HttpClientSpans.end(client, 200, null, null);
      AsyncParents.release(parent);
      afterwards.set(CurrentSpan.get());
    });
    worker.start();
    worker.join(5_000);
    assertEquals(server.spanId(), parentOfClient.get());
    assertNull(afterwards.get());
    assertNull(AsyncParents.resume(new Object()), "a call never queued under a span");
  }

  @Test
  void nothingCurrentNothingCarried() {
    Object call = new Object();
    AsyncParents.capture(call);
    assertNull(AsyncParents.resume(call));
    assertNull(CurrentSpan.get());
  }

  @Test
  void aSpanCurrentAtRunTimeWins() {
    SpanRecord queuedUnder = HttpServerSpans.start("srv", "GET", null, null, null);
    Object call = new Object();
    AsyncParents.capture(call);
    queuedUnder.closeScope();
    SpanRecord runningUnder = HttpServerSpans.start("srv", "GET", null, null, null);
    assertNull(AsyncParents.resume(call));
    assertSame(runningUnder, CurrentSpan.get());
  }
}
