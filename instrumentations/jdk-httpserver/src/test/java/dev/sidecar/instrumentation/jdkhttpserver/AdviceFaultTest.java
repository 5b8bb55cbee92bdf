package dev.sidecar.instrumentation.jdkhttpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.Filter;
import dev.sidecar.testing.InstrumentedJvm;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An exchange whose own methods throw, passed to the instrumented {@code Filter.Chain.doFilter}
 * as an application may: the advice's failure is counted, never seen by the application, and
 * leaves no span current on the thread, so the next request there is traced as usual.
 */
class AdviceFaultTest {

  @Test
  void aThrowingExchangeCostsItsSpanOnlyAndLeavesNothingBehind() throws Exception {
    long before = InstrumentedJvm.agentErrors();
    AtomicInteger handled = new AtomicInteger();
    Filter.Chain chain = new Filter.Chain(List.of(), exchange -> handled.incrementAndGet());
    String sound = "/sound-" + System.nanoTime();

    chain.doFilter(new StubExchange("/faulty-enter").failingOnEnter());
    chain.doFilter(new StubExchange("/faulty-exit").failingOnExit());
    chain.doFilter(new StubExchange(sound));

    assertEquals(3, handled.get(), "the application's handler ran every time");
    assertEquals(before + 2, InstrumentedJvm.agentErrors(), "each fault counted once");
    InstrumentedJvm.receiver().awaitSpans(spans -> spans.stream().anyMatch(span -> sound.equals(span.attribute("url.path"))
        && span.parentSpanId().isEmpty()), Duration.ofSeconds(20));
  }
}
