package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sidecar.agent.config.TestConfigs;
import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Handoff;
import dev.sidecar.bootstrap.Sampler;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportLoopTest {
  private final MemoryExporter exporter = new MemoryExporter();
  private ExportLoop<SpanRecord> loop;

  /** Keeps every batch; throws for a batch holding a span named throw-*, fails one holding fail-*. */
  static final class MemoryExporter implements SpanExporter {
    final List<List<SpanData>> batches = new CopyOnWriteArrayList<>();
    final AtomicBoolean shutDown = new AtomicBoolean();
    volatile boolean throwOnShutdown;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      List<SpanData> batch = new ArrayList<>(spans);
      batches.add(batch);
      if (batch.stream().anyMatch(s -> s.getName().startsWith("throw-"))) {
        throw new IllegalStateException("exporter exploded");
      }
      return batch.stream().anyMatch(s -> s.getName().startsWith("fail-"))
          ? CompletableResultCode.ofFailure() : CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      shutDown.set(true);
      if (throwOnShutdown) {
        throw new IllegalStateException("shutdown exploded");
      }
      return CompletableResultCode.ofSuccess();
    }

    List<String> names() {
      List<String> names = new ArrayList<>();
      batches.forEach(batch -> batch.forEach(span -> names.add(span.getName())));
      return names;
    }
  }

  @BeforeEach
  void setUp() {
    Sampler.install(Sampler.parentBased(1.0));
  }

  @AfterEach
  void tearDown() {
    CurrentSpan.set(null);
    if (loop != null) {
      loop.shutdown(Duration.ofSeconds(5));
    }
  }

  private void start(String scheduleDelay) {
    BatchSettings settings = BatchSettings.from(TestConfigs.of("otel.bsp.schedule.delay", scheduleDelay,
        "otel.bsp.max.queue.size", "64", "otel.bsp.max.export.batch.size", "8"));
    assertEquals(64, settings.maxQueueSize());
    assertEquals(8, settings.maxExportBatchSize());
    Handoff.configure(settings.maxQueueSize(), settings.maxExportBatchSize());
    loop = ExportLoop.start("sidecar-export-test", "spans", Handoff.spans(), settings,
        () -> SpanRecordExporter.of(exporter, new SpanConverter(Resource.empty(), "test")));
  }

  private static Set<String> offer(String prefix, int count) {
    Set<String> names = new HashSet<>();
    for (int i = 0; i < count; i++) {
      SpanRecord record = SpanRecord.startCurrent("test", SpanKind.INTERNAL, prefix + i, null, null, null);
      record.end();
      names.add(prefix + i);
    }
    assertEquals(0, Handoff.spans().dropped());
    return names;
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        fail("timed out waiting for " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  @Test
  void exportsEverySpanInBatchesOfAtMostTheBatchSize() {
    start("20");
    Set<String> offered = offer("span-", 20);

    await(() -> loop.exported() == 20, "20 exported spans");
    assertEquals(offered, new HashSet<>(exporter.names()));
    assertEquals(20, exporter.names().size());
    for (List<SpanData> batch : exporter.batches) {
      assertTrue(batch.size() >= 1 && batch.size() <= 8, "batch of " + batch.size());
    }
    assertEquals(0, loop.failed());
    assertTrue(loop.shutdown(Duration.ofSeconds(5)));
    assertTrue(exporter.shutDown.get());
  }

  @Test
  void shutdownExportsWhatIsStillQueued() {
    start("1h"); // nothing but shutdown (or a full batch) makes the loop export
    Set<String> offered = offer("late-", 5);

    assertTrue(loop.shutdown(Duration.ofSeconds(5)));
    assertEquals(offered, new HashSet<>(exporter.names()));
    assertEquals(5, loop.exported());
    assertEquals(0, Handoff.spans().size());
    assertTrue(exporter.shutDown.get());
  }

  @Test
  void failedExportsAreCountedAndTheLoopCarriesOn() {
    start("20");
    offer("throw-", 8);
    await(() -> loop.failed() == 8, "8 failed spans after a throwing export");
    offer("fail-", 8);
    await(() -> loop.failed() == 16, "16 failed spans after a failed export");
    assertEquals(0, loop.exported());

    Set<String> offered = offer("ok-", 8);
    await(() -> loop.exported() == 8, "8 exported spans after the failures");
    assertEquals(16, loop.failed());
    Set<String> later = new HashSet<>(exporter.names());
    assertTrue(later.containsAll(offered), later.toString());
    assertEquals(24, exporter.names().size());
    assertTrue(loop.shutdown(Duration.ofSeconds(5)));
  }

  @Test
  void shutdownReturnsEvenWhenTheExporterShutdownThrows() {
    exporter.throwOnShutdown = true;
    start("20");
    offer("span-", 3);
    await(() -> loop.exported() == 3, "3 exported spans");
    assertTrue(loop.shutdown(Duration.ofSeconds(2)));
  }
}
