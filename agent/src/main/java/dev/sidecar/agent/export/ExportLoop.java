package dev.sidecar.agent.export;

import dev.sidecar.agent.AgentLog;
import dev.sidecar.bootstrap.AgentErrors;
import dev.sidecar.bootstrap.EpochClock;
import dev.sidecar.bootstrap.HandoffQueue;
import dev.sidecar.bootstrap.SidecarThread;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One of the sidecar's export threads, one per signal: waits for a batch or the schedule delay,
 * drains the hand-off queue and exports. The exporter is built on this thread, so loading the
 * OpenTelemetry SDK and OkHttp costs the application's start-up nothing. An export failure costs
 * that batch, never the thread.
 *
 * @param <R> what the application threads hand off: span or log records
 */
public final class ExportLoop<R> implements Runnable {
  private static final long REANCHOR_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final String signal;
  private final HandoffQueue<R> queue;
  private final BatchSettings settings;
  private final Supplier<RecordExporter<R>> exporterFactory;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong exported = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile String lastError;
  private volatile long lastErrorEpochMillis;
  private volatile boolean stopping;
  private volatile Thread thread;

  private ExportLoop(String signal, HandoffQueue<R> queue, BatchSettings settings,
      Supplier<RecordExporter<R>> exporterFactory) {
    this.signal = signal;
    this.queue = queue;
    this.settings = settings;
    this.exporterFactory = exporterFactory;
  }

  /**
   * Starts the thread {@code threadName}; {@code signal} names the records in messages ("spans").
   * {@code exporterFactory} runs on that thread and may return null: records are then dropped.
   */
  public static <R> ExportLoop<R> start(String threadName, String signal, HandoffQueue<R> queue,
      BatchSettings settings, Supplier<RecordExporter<R>> exporterFactory) {
    ExportLoop<R> loop = new ExportLoop<>(signal, queue, settings, exporterFactory);
    Thread thread = new SidecarThread(loop, threadName);
    loop.thread = thread;
    thread.start();
    return loop;
  }

  @Override
  public void run() {
    RecordExporter<R> exporter = null;
    try {
      exporter = exporterFactory.get();
    } catch (Throwable t) {
      AgentErrors.record(t);
      AgentLog.warn("could not set up the export of " + signal + " (" + t + "); they are dropped");
    }
    List<R> records = new ArrayList<>(settings.maxExportBatchSize());
    long nextReanchor = System.nanoTime() + REANCHOR_NANOS;
    long droppedReported = 0;
    while (!stopping) {
      queue.awaitBatch(settings.scheduleDelay().toNanos());
      exportQueued(exporter, records);
      droppedReported = reportDrops(droppedReported);
      if (System.nanoTime() - nextReanchor > 0) {
        EpochClock.reanchor();
        nextReanchor = System.nanoTime() + REANCHOR_NANOS;
      }
    }
    try {
      exportQueued(exporter, records);
      if (exporter != null) {
        exporter.shutdown().join(settings.exportTimeout().toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (Throwable t) {
      AgentErrors.record(t);
    } finally {
      stopped.countDown();
    }
  }

  /** Stops the loop after a last export; waits at most {@code timeout}. Returns whether it finished. */
  public boolean shutdown(Duration timeout) {
    stopping = true;
    Thread running = thread;
    if (running != null) {
      LockSupport.unpark(running);
    }
    try {
      return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public long exported() {
    return exported.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Records handed off but dropped because the queue was full. */
  public long dropped() {
    return queue.dropped();
  }

  /** Records waiting in the queue now. */
  public int queued() {
    return queue.size();
  }

  /** The last export failure, one line, or null when every export so far succeeded. */
  public String lastError() {
    return lastError;
  }

  /** When {@link #lastError()} happened, in epoch milliseconds; 0 when never. */
  public long lastErrorEpochMillis() {
    return lastErrorEpochMillis;
  }

  private void recordError(String error) {
    lastErrorEpochMillis = System.currentTimeMillis();
    lastError = error;
  }

  /** At most one line a minute however many spans are dropped; the count itself is always kept. */
  private long reportDrops(long alreadyReported) {
    long dropped = queue.dropped();
    if (dropped > alreadyReported) {
      AgentLog.warnThrottled(signal + "-dropped", "the queue of " + signal + " (" + queue.capacity()
          + " records) was full; " + dropped + " " + signal + " dropped so far, the application unaffected");
    }
    return dropped;
  }

  private void exportQueued(RecordExporter<R> exporter, List<R> records) {
    while (queue.drainTo(records, settings.maxExportBatchSize()) > 0) {
      try {
        if (exporter != null) {
          export(exporter, records);
        }
      } catch (Throwable t) {
        failed.addAndGet(records.size());
        recordError(t.toString());
        AgentErrors.record(t);
        AgentLog.warnThrottled(signal + "-export-error", "export of " + signal + " failed (" + t + "); "
            + records.size() + " " + signal + " lost");
      } finally {
        records.clear();
      }
    }
  }

  private void export(RecordExporter<R> exporter, List<R> records) {
    CompletableResultCode result = exporter.export(records)
        .join(settings.exportTimeout().toMillis(), TimeUnit.MILLISECONDS);
    if (result.isSuccess()) {
      exported.addAndGet(records.size());
    } else {
      failed.addAndGet(records.size());
      Throwable cause = result.getFailureThrowable();
      recordError(cause != null ? cause.toString() : "the exporter reported a failure");
      AgentLog.warnThrottled(signal + "-export-failed", "could not export " + records.size() + " " + signal
          + (cause != null ? " (" + cause + ")" : "") + "; later failures this minute are counted, not printed");
    }
  }
}
