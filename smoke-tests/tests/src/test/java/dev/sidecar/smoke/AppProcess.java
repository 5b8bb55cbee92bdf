package dev.sidecar.smoke;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application JVM started by a smoke test: {@code <jdk>/bin/java [options] -jar app.jar [args]}. Threads
 * capture its stdout and stderr line by line, so that assertions can inspect them and failure messages can show
 * them ({@link #output()}). {@link #close()} stops the process and waits for it to end.
 */
final class AppProcess implements AutoCloseable {

  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Pattern LISTENING = Pattern.compile("listening on (\\d+)");

  /** A safety net for a test JVM that ends without closing its apps (e.g. killed by a timeout). */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(
        new Thread(() -> LIVE.forEach(Process::destroyForcibly), "smoke-app-reaper"));
  }

  private final String name;
  private final JavaHome jdk;
  private final List<String> command;
  private final Process process;
  private final Thread[] readers;
  private final Object lock = new Object();
  // Guarded by lock.
  private final List<Line> lines = new ArrayList<>();
  private int openStreams = 2;
  private int port;

  private record Line(boolean stderr, String text) {}

  /** What a process that ran to its end left behind. */
  record Result(int exitCode, List<String> stdout, List<String> stderr, String output) {}

  private AppProcess(String name, JavaHome jdk, List<String> command) {
    this.name = name;
    this.jdk = jdk;
    this.command = List.copyOf(command);
    try {
      this.process = new ProcessBuilder(command).start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
    }
    LIVE.add(process);
    this.readers = new Thread[] {
        reader(process.getInputStream(), false), reader(process.getErrorStream(), true)
    };
    for (Thread reader : readers) {
      reader.start();
    }
  }

  /** Starts describing {@code java [options] -jar jar [args]} on {@code jdk}; {@code name} labels its output. */
  static Builder builder(String name, JavaHome jdk) {
    return new Builder(name, jdk);
  }

  /** The port from the {@code listening on PORT} line. */
  int port() {
    synchronized (lock) {
      if (port == 0) {
        throw new IllegalStateException(name + " has not printed 'listening on PORT'");
      }
      return port;
    }
  }

  /** {@code http://127.0.0.1:PORT} followed by {@code pathAndQuery}. */
  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  /** Every line captured so far from stdout and stderr, in the order they were read. */
  List<String> lines() {
    synchronized (lock) {
      return lines.stream().map(Line::text).toList();
    }
  }

  /** The command and everything captured so far, for failure messages; stderr lines are marked. */
  String output() {
    StringBuilder out = new StringBuilder();
    out.append("\n----- ").append(name).append(" on ").append(jdk).append(", pid ").append(process.pid())
        .append(process.isAlive() ? ", running" : ", exit code " + process.exitValue()).append(" -----\n")
        .append(String.join(" ", command)).append('\n');
    synchronized (lock) {
      for (Line line : lines) {
        out.append(line.stderr() ? "[err] " : "[out] ").append(line.text()).append('\n');
      }
    }
    return out.append("----- end of ").append(name).append(" -----\n").toString();
  }

  /** The output of several apps, for a failure message. */
  static String outputs(AppProcess... apps) {
    StringBuilder out = new StringBuilder();
    for (AppProcess app : apps) {
      if (app != null) {
        out.append(app.output());
      }
    }
    return out.toString();
  }

  /** Waits for the {@code listening on PORT} line; fails with the output if the app ends or the deadline passes. */
  void awaitListening(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (port == 0) {
        if (openStreams == 0) {
          throw new AssertionError(name + " ended before it printed 'listening on PORT'" + outputAfterExit());
        }
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
          throw new AssertionError(
              name + " did not print 'listening on PORT' within " + timeout + output());
        }
        waitOnLock(remaining);
      }
    }
  }

  /** Waits for the process to end and for its output to be read; returns its exit code. */
  int awaitExit(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new AssertionError(name + " did not end within " + timeout + output());
      }
      synchronized (lock) {
        while (openStreams > 0) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            throw new AssertionError(name + " ended but its output did not close within " + timeout + output());
          }
          waitOnLock(remaining);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for " + name + " to end", e);
    }
    return process.exitValue();
  }

  /** Sends SIGTERM (what {@link Process#destroy()} does on Linux) and returns at once. */
  void terminate() {
    process.destroy();
  }

  /** The directory of the compiled test classes, where the test apps live. */
  private static String testClassPath() {
    try {
      return Path.of(AppProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops the app (SIGTERM, then SIGKILL if it lingers) and waits for it and its output readers to end. */
  @Override
  public void close() {
    try {
      if (process.isAlive()) {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
      for (Thread reader : readers) {
        reader.join(STOP_TIMEOUT.toMillis());
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      if (!process.isAlive()) {
        LIVE.remove(process);
      }
    }
  }

  private String outputAfterExit() {
    try {
      process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return output();
  }

  private void waitOnLock(long nanos) {
    try {
      TimeUnit.NANOSECONDS.timedWait(lock, nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for " + name, e);
    }
  }

  private Thread reader(InputStream stream, boolean stderr) {
    Thread thread = new Thread(() -> read(stream, stderr), name + (stderr ? "-stderr" : "-stdout"));
    thread.setDaemon(true);
    return thread;
  }

  private void read(InputStream stream, boolean stderr) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        synchronized (lock) {
          lines.add(new Line(stderr, text));
          Matcher listening = LISTENING.matcher(text);
          if (!stderr && port == 0 && listening.matches()) {
            port = Integer.parseInt(listening.group(1));
          }
          lock.notifyAll();
        }
      }
    } catch (IOException e) {
      // The stream closes when the process is destroyed; what was read so far is kept.
    } finally {
      synchronized (lock) {
        openStreams--;
        lock.notifyAll();
      }
    }
  }

  /** Describes the command line; {@link #start()} runs a server app, {@link #run(Duration)} a command. */
  static final class Builder {
    private final String name;
    private final JavaHome jdk;
    private final List<String> options = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final List<String> prefix = new ArrayList<>();
    private Path jar;
    private String mainClass;

    private Builder(String name, JavaHome jdk) {
      this.name = name;
      this.jdk = jdk;
    }

    /** Runs the JVM as {@code user} ({@code runuser -u user --}), which needs root. */
    Builder asUser(String user) {
      prefix.addAll(List.of(OtherUser.RUNUSER.toString(), "-u", user, "--"));
      return this;
    }

    /** Adds {@code -javaagent:<absolute path>}. */
    Builder javaagent(Path agentJar) {
      options.add("-javaagent:" + agentJar.toAbsolutePath());
      return this;
    }

    /** Adds a JVM option as is, such as {@code -Xmx64m} or {@code -XX:+DisableAttachMechanism}. */
    Builder option(String option) {
      options.add(option);
      return this;
    }

    /** Adds {@code -Dkey=value}. */
    Builder property(String key, Object value) {
      options.add("-D" + key + "=" + value);
      return this;
    }

    /** The agent with the settings every exporting smoke test uses: a service name, OTLP to the receiver, 100 ms batches. */
    Builder agentExportingTo(String serviceName, String protocol, String endpoint) {
      return javaagent(Artifacts.agentJar())
          .property("otel.service.name", serviceName)
          .property("otel.exporter.otlp.protocol", protocol)
          .property("otel.exporter.otlp.endpoint", endpoint)
          .property("otel.bsp.schedule.delay", 100);
    }

    /** Runs {@code mainClass} from the test class path instead of a jar: small apps that live beside their tests. */
    Builder testMain(Class<?> mainClass, String... args) {
      this.mainClass = mainClass.getName();
      this.args.addAll(List.of(args));
      return this;
    }

    Builder jar(Path jar, String... args) {
      this.jar = jar;
      this.args.addAll(List.of(args));
      return this;
    }

    /** Starts the app and waits until it prints {@code listening on PORT}; the app is stopped if that fails. */
    AppProcess start() {
      AppProcess app = launch();
      try {
        app.awaitListening(STARTUP_TIMEOUT);
        return app;
      } catch (RuntimeException | Error e) {
        app.close();
        throw e;
      }
    }

    /** Runs the command to its end. */
    Result run(Duration timeout) {
      try (AppProcess app = launch()) {
        int exitCode = app.awaitExit(timeout);
        List<String> stdout = new ArrayList<>();
        List<String> stderr = new ArrayList<>();
        synchronized (app.lock) {
          for (Line line : app.lines) {
            (line.stderr() ? stderr : stdout).add(line.text());
          }
        }
        return new Result(exitCode, List.copyOf(stdout), List.copyOf(stderr), app.output());
      }
    }

    private AppProcess launch() {
      if (jar == null && mainClass == null) {
        throw new IllegalStateException("No jar given for " + name);
      }
      List<String> command = new ArrayList<>(prefix);
      command.add(jdk.java().toString());
      command.addAll(options);
      if (jar != null) {
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
      } else {
        command.add("-cp");
        command.add(testClassPath());
        command.add(mainClass);
      }
      command.addAll(args);
      return new AppProcess(name, jdk, command);
    }
  }
}
