package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExportLoopTest {
  private final MemoryExporter exporter = new MemoryExporter();
  private ExportLoop<SpanRecord> loop;
  private String threadName;

  /** Keeps every batch; throws for a batch holding a span named throw-*, fails one holding fail-*. */
  static final class MemoryExporter implements SpanExporter {
    final List<List<SpanData>> batches = new CopyOnWriteArrayList<>();
    final AtomicBoolean shutDown = new AtomicBoolean();
    volatile boolean throwOnShutdown;
    volatile Error errorToThrow;
    volatile boolean hang;

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      List<SpanData> batch = new ArrayList<>(spans);
      batches.add(batch);
      if (hang) {
        return new CompletableResultCode();
      }
      if (errorToThrow != null && batch.stream().anyMatch(s -> s.getName().startsWith("throw-"))) {
        throw errorToThrow;
      }
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
    threadName = "sidecar-export-test-" + System.nanoTime();
    loop = ExportLoop.start(threadName, "spans", Handoff.spans(), settings,
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
  void betweenScheduleDelaysOnlyFullBatchesAreExported() {
    start("1h");
    Set<String> offered = offer("first-", 12);
    await(() -> loop.exported() == 8, "the first full batch");
    assertEquals(4, loop.queued());
    offered.addAll(offer("second-", 4));
    await(() -> loop.exported() == 16, "the second full batch");

    assertEquals(List.of(8, 8), exporter.batches.stream().map(List::size).collect(Collectors.toList()));
    assertEquals(offered, new HashSet<>(exporter.names()));
    assertEquals(0, loop.queued());
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

  @Test
  void errorsThrownByTheExporterCostTheirBatchNotTheLoop() {
    start("20");
    exporter.errorToThrow = new OutOfMemoryError("injected");
    offer("throw-", 8);
    await(() -> loop.failed() == 8, "8 failed spans after an exporter error");
    exporter.errorToThrow = new StackOverflowError();
    offer("throw-", 8);
    await(() -> loop.failed() == 16, "16 failed spans after a second exporter error");

    Set<String> offered = offer("ok-", 8);
    await(() -> loop.exported() == 8, "8 exported spans after the errors");
    assertTrue(loop.lastError().contains("StackOverflowError"), loop.lastError());
    assertTrue(loop.shutdown(Duration.ofSeconds(5)));
  }

  @Test
  void anExportThreadKilledByAPoisonedErrorIsReplacedAndExportsGoOn() throws Exception {
    start("20");
    offer("before-", 3);
    await(() -> loop.exported() == 3, "3 exported spans");
    Thread first = exportThread();
    // An error whose every description throws another such error gets through the loop's own
    // handlers and ends the thread, as an error thrown inside a handler would.
    exporter.errorToThrow = new PoisonedError();
    offer("throw-", 1);
    first.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(first.isAlive());
    await(() -> exportThread() != null, "a new export thread");
    assertEquals(PoisonedError.class.getName(), loop.lastError());

    Set<String> offered = offer("after-", 3);
    await(() -> loop.exported() == 6, "3 more exported spans on the new thread");
    assertTrue(new HashSet<>(exporter.names()).containsAll(offered));
    assertTrue(loop.shutdown(Duration.ofSeconds(5)));
  }

  private static final class PoisonedError extends Error {
    @Override
    public String toString() {
      throw new PoisonedError();
    }
  }

  @Test
  void shutdownAllReturnsByTheDeadlineWhenAnExportHangs() {
    exporter.hang = true;
    start("20");
    offer("stuck-", 3);
    await(() -> exporter.batches.size() >= 1, "an export in flight");
    // The export never completes (its timeout is 30 s): shutdown gives up at its deadline.
    assertFalse(ExportLoop.shutdownAll(Duration.ofMillis(200), loop));
    loop = null;
  }

  private Thread exportThread() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals(threadName) && thread.isAlive())
        .findFirst().orElse(null);
  }
}
