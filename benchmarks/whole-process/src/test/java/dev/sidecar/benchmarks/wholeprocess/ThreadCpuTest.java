package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.benchmarks.wholeprocess.ThreadCpu.Kind;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ThreadCpuTest {

  @Test
  void threadsAreToldApartByTheirNamesAsLinuxCutsThem() {
    Map<String, Kind> names = Map.ofEntries(
        Map.entry("sidecar-export-", Kind.AGENT), Map.entry("sidecar-otlp-ht", Kind.AGENT),
        Map.entry("BatchSpanProces", Kind.AGENT), Map.entry("BatchLogRecordP", Kind.AGENT),
        Map.entry("OkHttp http://1", Kind.AGENT), Map.entry("okhttp-dispatch", Kind.AGENT),
        Map.entry("C2 CompilerThre", Kind.JIT), Map.entry("C1 CompilerThre", Kind.JIT),
        Map.entry("VM Thread", Kind.GC_AND_VM), Map.entry("GC Thread#0", Kind.GC_AND_VM),
        Map.entry("http-nio-127.0.", Kind.APPLICATION), Map.entry("HTTP-Dispatcher", Kind.APPLICATION),
        Map.entry("java", Kind.APPLICATION));
    names.forEach((name, kind) -> assertEquals(kind, ThreadCpu.kind(name), name));
  }

  @Test
  void theThreadNameIsBetweenTheFirstOpeningAndTheLastClosingParenthesis() {
    assertEquals("C2 CompilerThre",
        ThreadCpu.threadName("4712 (C2 CompilerThre) S 1 4711 4711 0 -1 4194560 0 0 0 0 120 5 0 0 20 0 31 0 1000"));
    assertEquals("my (odd) thread", ThreadCpu.threadName("4713 (my (odd) thread) R 1 4711 4711 0 -1 0 0 0 0 0 1 2"));
    assertThrows(IllegalArgumentException.class, () -> ThreadCpu.threadName("no name here"));
  }

  @Test
  void theApplicationHasWhatTheOtherThreadsDidNotTakeOfTheProcessTime() {
    Map<Kind, Long> before = Map.of(Kind.APPLICATION, 1_000L, Kind.AGENT, 10L, Kind.JIT, 500L, Kind.GC_AND_VM, 20L);
    // 300 ticks of the process in the window; an application thread that ended took its own ticks
    // out of the per-thread sums, which is why only the others are taken from the threads.
    Map<Kind, Long> after = Map.of(Kind.APPLICATION, 900L, Kind.AGENT, 40L, Kind.JIT, 520L, Kind.GC_AND_VM, 30L);
    Map<Kind, Double> split = ThreadCpu.split(before, after, 300, 100, 100_000);
    // 30 agent ticks of 1/100 s over 100,000 requests: 3 µs each.
    assertEquals(3.0, split.get(Kind.AGENT), 1e-9);
    assertEquals(2.0, split.get(Kind.JIT), 1e-9);
    assertEquals(1.0, split.get(Kind.GC_AND_VM), 1e-9);
    assertEquals(24.0, split.get(Kind.APPLICATION), 1e-9);
  }

  @Test
  void noRequestsGiveNoFigures() {
    Map<Kind, Long> ticks = Map.of(Kind.AGENT, 1L);
    assertTrue(ThreadCpu.split(ticks, ticks, 10, 100, 0).get(Kind.APPLICATION).isNaN());
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aThreadOfThisJvmIsFoundByItsName() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    CountDownLatch measured = new CountDownLatch(1);
    Thread busy = new Thread(() -> {
      // Busy until this thread has used 30 ms of CPU, three ticks of Linux's usual 1/100 s clock.
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (threads.getCurrentThreadCpuTime() < 30_000_000L && System.nanoTime() - deadline < 0) {
        Thread.onSpinWait();
      }
      done.countDown();
      // Alive, and so listed with its ticks, until the test has read them.
      try {
        measured.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "sidecar-test");
    busy.setDaemon(true);
    busy.start();
    done.await();
    try {
      assertTrue(ThreadCpu.ticksByKind(ProcessHandle.current().pid()).get(Kind.AGENT) > 0);
    } finally {
      measured.countDown();
    }
  }
}
