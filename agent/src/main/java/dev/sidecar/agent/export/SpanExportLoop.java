package dev.sidecar.agent.export;

import dev.sidecar.agent.AgentLog;
import dev.sidecar.bootstrap.AgentErrors;
import dev.sidecar.bootstrap.EpochClock;
import dev.sidecar.bootstrap.HandoffQueue;
import dev.sidecar.bootstrap.SidecarThread;
import dev.sidecar.bootstrap.SpanRecord;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The sidecar's export thread: waits for a batch or the schedule delay, drains the hand-off queue,
 * converts and exports. The exporter is built on this thread, so loading the OpenTelemetry SDK and
 * OkHttp costs the application's start-up nothing. An export failure costs that batch, never the
 * thread.
 */
public final class SpanExportLoop implements Runnable {
  private static final long REANCHOR_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final HandoffQueue<SpanRecord> queue;
  private final BatchSettings settings;
  private final Supplier<SpanExporter> exporterFactory;
  private final Supplier<SpanConverter> converterFactory;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicLong exported = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean stopping;
  private volatile Thread thread;

  private SpanExportLoop(HandoffQueue<SpanRecord> queue, BatchSettings settings,
      Supplier<SpanExporter> exporterFactory, Supplier<SpanConverter> converterFactory) {
    this.queue = queue;
    this.settings = settings;
    this.exporterFactory = exporterFactory;
    this.converterFactory = converterFactory;
  }

  public static SpanExportLoop start(HandoffQueue<SpanRecord> queue, BatchSettings settings,
      Supplier<SpanExporter> exporterFactory, Supplier<SpanConverter> converterFactory) {
    SpanExportLoop loop = new SpanExportLoop(queue, settings, exporterFactory, converterFactory);
    Thread thread = new SidecarThread(loop, "sidecar-export-0");
    loop.thread = thread;
    thread.start();
    return loop;
  }

  @Override
  public void run() {
    SpanExporter exporter = null;
    SpanConverter converter = null;
    try {
      exporter = exporterFactory.get();
      converter = converterFactory.get();
    } catch (Throwable t) {
      AgentErrors.record(t);
      AgentLog.warn("could not set up span export (" + t + "); spans are dropped");
    }
    List<SpanRecord> records = new ArrayList<>(settings.maxExportBatchSize());
    long nextReanchor = System.nanoTime() + REANCHOR_NANOS;
    long droppedReported = 0;
    while (!stopping) {
      queue.awaitBatch(settings.scheduleDelay().toNanos());
      exportQueued(exporter, converter, records);
      droppedReported = reportDrops(droppedReported);
      if (System.nanoTime() - nextReanchor > 0) {
        EpochClock.reanchor();
        nextReanchor = System.nanoTime() + REANCHOR_NANOS;
      }
    }
    try {
      exportQueued(exporter, converter, records);
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

  /** At most one line a minute however many spans are dropped; the count itself is always kept. */
  private long reportDrops(long alreadyReported) {
    long dropped = queue.dropped();
    if (dropped > alreadyReported) {
      AgentLog.warnThrottled("spans-dropped", "the span queue (otel.bsp.max.queue.size=" + queue.capacity()
          + ") was full; " + dropped + " spans dropped so far, the application unaffected");
    }
    return dropped;
  }

  private void exportQueued(SpanExporter exporter, SpanConverter converter, List<SpanRecord> records) {
    while (queue.drainTo(records, settings.maxExportBatchSize()) > 0) {
      try {
        if (exporter != null && converter != null) {
          export(exporter, converter, records);
        }
      } catch (Throwable t) {
        failed.addAndGet(records.size());
        AgentErrors.record(t);
        AgentLog.warnThrottled("export-error", "span export failed (" + t + "); " + records.size() + " spans lost");
      } finally {
        records.clear();
      }
    }
  }

  private void export(SpanExporter exporter, SpanConverter converter, List<SpanRecord> records) {
    List<SpanData> batch = new ArrayList<>(records.size());
    for (SpanRecord record : records) {
      batch.add(converter.convert(record));
    }
    CompletableResultCode result = exporter.export(batch)
        .join(settings.exportTimeout().toMillis(), TimeUnit.MILLISECONDS);
    if (result.isSuccess()) {
      exported.addAndGet(batch.size());
    } else {
      failed.addAndGet(batch.size());
      Throwable cause = result.getFailureThrowable();
      AgentLog.warnThrottled("export-failed", "could not export " + batch.size() + " spans"
          + (cause != null ? " (" + cause + ")" : "") + "; later failures this minute are counted, not printed");
    }
  }
}
