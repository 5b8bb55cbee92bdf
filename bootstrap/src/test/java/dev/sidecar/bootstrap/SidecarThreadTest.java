package dev.sidecar.bootstrap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SidecarThreadTest {
  @Test
  void applicationThreadsAreNotTheAgents() {
    assertFalse(SidecarThread.isCurrent());
  }

  @Test
  void threadsTheSidecarStartsAndTheirChildrenAreTheAgents() throws Exception {
    AtomicBoolean onSidecar = new AtomicBoolean();
    AtomicBoolean onPoolThread = new AtomicBoolean();
    Thread sidecar = new SidecarThread(() -> {
      onSidecar.set(SidecarThread.isCurrent());
      // As an HTTP client library does: a pool whose threads are created on first use, here.
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        onPoolThread.set(pool.submit(SidecarThread::isCurrent).get());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        pool.shutdown();
      }
    }, "sidecar-test");
    sidecar.start();
    sidecar.join(10_000);
    assertTrue(onSidecar.get());
    assertTrue(onPoolThread.get(), "a thread created by a sidecar thread is the agent's too");
  }
}
