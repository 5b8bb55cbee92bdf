package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short command and returns its standard output. */
final class Commands {
  private Commands() {}

  /** The command's stdout; its stderr is merged in. Fails with one line on a non-zero exit or a timeout. */
  static String run(List<String> command, Duration timeout) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      // Commands here print a few lines at most, well within the pipe's buffer, so reading after the exit is safe.
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new BenchmarkException("'" + String.join(" ", command) + "' did not end within " + timeout.toSeconds() + " s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new BenchmarkException("'" + String.join(" ", command) + "' failed (exit " + process.exitValue() + "): "
            + output.strip().replace('\n', ' '));
      }
      return output;
    } catch (IOException e) {
      throw new BenchmarkException("cannot run '" + String.join(" ", command) + "': " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchmarkException("interrupted while running '" + String.join(" ", command) + "'");
    }
  }

  /** Like {@link #run}, but null instead of a failure: for optional facts such as the CPU model. */
  static String tryRun(List<String> command, Duration timeout) {
    try {
      return run(command, timeout);
    } catch (BenchmarkException e) {
      return null;
    }
  }
}
