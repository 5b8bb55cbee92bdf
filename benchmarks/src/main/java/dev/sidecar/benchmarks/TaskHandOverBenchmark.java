package dev.sidecar.benchmarks;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.context.TaskContexts;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a pool task pays for its span to follow it: the calls the executor advice makes when the
 * task is handed over ({@code execute}) and when a worker takes and runs it ({@code getTask},
 * {@code runWorker}), once inside a request's span and once outside any, the common case for most
 * pools. Both ends run on one thread here, so the figure is the bookkeeping alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class TaskHandOverBenchmark {
  private final SpanRecord request = SpanRecord.startCurrent("bench", SpanKind.SERVER, "GET", null, null, null);
  private final Runnable task = () -> { };

  @Benchmark
  public void handOverInsideASpan() {
    CurrentSpan.set(request);
    handOver(task);
  }

  @Benchmark
  public void handOverOutsideAnySpan() {
    CurrentSpan.set(null);
    handOver(task);
  }

  private static void handOver(Runnable task) {
    TaskContexts.capture(task);
    TaskContexts.betweenTasks();
    TaskContexts.next(task);
    TaskContexts.run(task);
  }
}
