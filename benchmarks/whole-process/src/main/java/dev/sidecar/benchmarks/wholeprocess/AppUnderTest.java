package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One app JVM: started, timed until its first answer, measured through {@code /proc}, killed. */
final class AppUnderTest implements AutoCloseable {
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final long startupNanos;

  private AppUnderTest(Process process, int port, long startupNanos) {
    this.process = process;
    this.port = port;
    this.startupNanos = startupNanos;
  }

  /**
   * Launches {@code command}, its output going to {@code log}, and waits for its first answer to
   * {@code GET /hello}: start-up is the wall time from launch to that answer.
   */
  static AppUnderTest start(List<String> command, int port, String name, Path log) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    long launched = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new BenchmarkException("cannot start " + name + ": " + e.getMessage());
    }
    try {
      long answered = HelloProbe.awaitFirstHello(process, port, STARTUP_TIMEOUT, name);
      return new AppUnderTest(process, port, answered - launched);
    } catch (BenchmarkException e) {
      kill(process);
      throw new BenchmarkException(e.getMessage() + "; its output is in " + log);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  double startupMillis() {
    return startupNanos / 1e6;
  }

  long cpuTicks() {
    return ProcFiles.cpuTicks(process.pid());
  }

  /** CPU ticks so far of the threads alive now, by kind of thread. */
  Map<ThreadCpu.Kind, Long> threadTicks() {
    return ThreadCpu.ticksByKind(process.pid());
  }

  long rssKb() {
    return ProcFiles.rssKb(process.pid());
  }

  /** Stops every thread of the JVM (SIGSTOP), so that it takes no CPU while another JVM is measured. */
  void pause() {
    signal("STOP");
  }

  /** Lets a paused JVM run again (SIGCONT). */
  void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    Commands.run(List.of("kill", "-" + name, Long.toString(process.pid())), SIGNAL_TIMEOUT);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL: shutdown is not measured, and a graceful one would wait for the collector. */
  @Override
  public void close() {
    kill(process);
  }

  private static void kill(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
