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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One of the sidecar's export threads, one per signal: exports each full batch as the hand-off
 * queue fills one, and everything queued once per schedule delay. The exporter is built on this
 * thread as it starts, so loading the OpenTelemetry SDK never holds up the application's own start.
 * Not later: built at the first batch instead, it was still loading while a server under immediate
 * load filled the queue, and records were dropped. An export failure costs
 * that batch, never the thread; anything else thrown on it is counted and the loop goes on, and a
 * thread that dies all the same is replaced (a few times, not in a crash loop).
 *
 * @param <R> what the application threads hand off: span or log records
 */
public final class ExportLoop<R> implements Runnable {
  private static final long REANCHOR_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final int MAX_RESTARTS = 10;
  /**
   * Exports waiting for the collector's answer at once. One at a time, the loop would drain no
   * faster than one round trip per batch, and on a busy CPU every hop between the export thread and
   * the sender's thread waits for a time slice: the queue overflowed at a few thousand requests a
   * second. Three in flight keep it draining while answers are on their way. Not more: the OTLP
   * exporter's gRPC sender (OkHttp) runs at most five calls at once and fails, rather than queues, one
   * more; a slot here is free as soon as the answer arrives, a moment before OkHttp counts its call ended.
   */
  static final int MAX_EXPORTS_IN_FLIGHT = 3;

  private final String threadName;
  private final String signal;
  private final HandoffQueue<R> queue;
  private final BatchSettings settings;
  private final Supplier<RecordExporter<R>> exporterFactory;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong exported = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Semaphore inFlight = new Semaphore(MAX_EXPORTS_IN_FLIGHT);
  private volatile String lastError;
  private volatile long lastErrorEpochMillis;
  private volatile boolean stopping;
  private volatile Thread thread;
  // Touched by the loop's thread only (and by its replacement, after it died).
  private RecordExporter<R> exporter;
  private boolean exporterBuilt;
  private int restarts;
  private long droppedReported;
  private long failedReported;

  private ExportLoop(String threadName, String signal, HandoffQueue<R> queue, BatchSettings settings,
      Supplier<RecordExporter<R>> exporterFactory) {
    this.threadName = threadName;
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
    ExportLoop<R> loop = new ExportLoop<>(threadName, signal, queue, settings, exporterFactory);
    loop.startThread();
    return loop;
  }

  private void startThread() {
    Thread started = new SidecarThread(this, threadName);
    started.setUncaughtExceptionHandler((dead, error) -> replace(error));
    thread = started;
    started.start();
  }

  /** The thread died of something the loop could not catch: count it, and carry on on a new thread. */
  private void replace(Throwable error) {
    AgentErrors.record(error);
    String description = describe(error);
    recordError(description);
    if (stopping || ++restarts > MAX_RESTARTS) {
      AgentLog.warn("the export thread of " + signal + " died (" + description + "); " + signal + " are no longer exported");
      stopped.countDown();
      return;
    }
    AgentLog.warnThrottled(signal + "-thread", "the export thread of " + signal + " died (" + description + "); restarted");
    startThread();
  }

  /** The throwable's own description, unless even that fails. */
  private static String describe(Throwable error) {
    try {
      return error.toString();
    } catch (Throwable t) {
      return error.getClass().getName();
    }
  }

  @Override
  public void run() {
    if (!exporterBuilt) {
      exporterBuilt = true;
      try {
        exporter = exporterFactory.get();
      } catch (Throwable t) {
        AgentErrors.record(t);
        AgentLog.warn("could not set up the export of " + signal + " (" + t + "); they are dropped");
      }
    }
    long delay = settings.scheduleDelay().toNanos();
    long nextReanchor = System.nanoTime() + REANCHOR_NANOS;
    long nextFlush = System.nanoTime() + delay;
    while (!stopping) {
      try {
        queue.awaitBatch(Math.max(1, nextFlush - System.nanoTime()));
        if (System.nanoTime() - nextFlush >= 0) {
          exportQueued(exporter);
          nextFlush = System.nanoTime() + delay;
        } else {
          exportFullBatches(exporter);
        }
        report();
        if (System.nanoTime() - nextReanchor > 0) {
          EpochClock.reanchor();
          nextReanchor = System.nanoTime() + REANCHOR_NANOS;
        }
      } catch (Throwable t) {
        // Whatever went wrong costs the records in hand, never the loop.
        AgentErrors.record(t);
        recordError(t.toString());
        AgentLog.warnThrottled(signal + "-loop", "the export of " + signal + " hit " + t + "; carrying on");
        // A fault that repeats must not turn the loop into a busy spin on the application's CPUs.
        LockSupport.parkNanos(settings.scheduleDelay().toNanos());
      }
    }
    try {
      exportQueued(exporter);
      // The last answers: the caller's deadline bounds the whole shutdown, this wait included.
      inFlight.tryAcquire(MAX_EXPORTS_IN_FLIGHT, settings.exportTimeout().toMillis(), TimeUnit.MILLISECONDS);
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
    return shutdownAll(timeout, this);
  }

  /**
   * Stops every loop at once, each after a last export, and waits for them all together at most
   * {@code timeout}: the JVM's exit is never delayed past it, whatever the collector does.
   * Returns whether they all finished.
   */
  public static boolean shutdownAll(Duration timeout, ExportLoop<?>... loops) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ExportLoop<?> loop : loops) {
      loop.stopping = true;
      Thread running = loop.thread;
      if (running != null) {
        LockSupport.unpark(running);
      }
    }
    boolean all = true;
    try {
      for (ExportLoop<?> loop : loops) {
        all &= loop.stopped.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return all;
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

  /**
   * One line a minute at most per signal, however many records are lost, with the totals so far
   * (failed exports and full-queue drops alike); the counts themselves are always kept.
   */
  private void report() {
    long dropped = queue.dropped();
    long lost = failed.get();
    if (dropped == droppedReported && lost == failedReported) {
      return;
    }
    String error = lastError;
    boolean printed = AgentLog.warnThrottled(signal + "-lost", signal + " lost: " + lost + " failed to export"
        + (error != null ? " (last error: " + error + ")" : "") + ", " + dropped + " dropped on a full queue ("
        + queue.capacity() + " records); the application is unaffected; the next report in a minute at the earliest");
    if (printed) {
      droppedReported = dropped;
      failedReported = lost;
    }
  }

  /** Everything queued, the last batch partly full: at the schedule delay and at shutdown. */
  private void exportQueued(RecordExporter<R> exporter) {
    List<R> records;
    while ((records = drain()) != null) {
      exportDrained(exporter, records);
    }
  }

  /**
   * Full batches only, between two schedule delays, as the SDK's batch processors export: a
   * partial batch sent right after a full one costs a collector round trip (and the CPU the
   * application shares) for a few records, and under load most batches were such remainders.
   */
  private void exportFullBatches(RecordExporter<R> exporter) {
    List<R> records;
    while (queue.size() >= settings.maxExportBatchSize() && (records = drain()) != null) {
      exportDrained(exporter, records);
    }
  }

  /**
   * Up to a batch of records from the queue, or null when it is empty. A new list each batch: with
   * G1, storing a reference into an object that has lived long (a reused list's array) costs a
   * memory fence, once per record here; into one made moments ago it does not.
   */
  private List<R> drain() {
    List<R> records = new ArrayList<>(settings.maxExportBatchSize());
    return queue.drainTo(records, settings.maxExportBatchSize()) > 0 ? records : null;
  }

  /** Exports the drained batch; a failure costs that batch only. */
  private void exportDrained(RecordExporter<R> exporter, List<R> records) {
    try {
      if (exporter != null) {
        export(exporter, records);
      }
    } catch (Throwable t) {
      failed.addAndGet(records.size());
      recordError(t.toString());
      AgentErrors.record(t);
    }
    // After each batch, not each drain: a backlog takes long to export when the collector struggles.
    report();
  }

  /**
   * Hands the batch to the exporter, which sends it on its own thread; counts it when the answer
   * comes. Waits for a free slot first: when every slot stays taken for the export timeout (a
   * collector that never answers), the batch is counted as failed instead.
   */
  private void export(RecordExporter<R> exporter, List<R> records) throws InterruptedException {
    int size = records.size();
    if (!inFlight.tryAcquire(settings.exportTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
      failed.addAndGet(size);
      recordError("no answer within " + settings.exportTimeout());
      return;
    }
    CompletableResultCode result;
    try {
      result = exporter.export(records);
    } catch (Throwable t) {
      inFlight.release();
      throw t;
    }
    result.whenComplete(() -> {
      inFlight.release();
      if (result.isSuccess()) {
        exported.addAndGet(size);
      } else {
        failed.addAndGet(size);
        Throwable cause = result.getFailureThrowable();
        recordError(cause != null ? ExportFailures.describe(cause) : "the exporter reported a failure");
      }
    });
  }
}
