package dev.sidecar.benchmarks.wholeprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a window's profile ({@link WindowProfile}) says of the agent, as shares of the process's CPU
 * samples: the agent's own threads, by name, and the agent's code on the application's threads.
 * What the advice calls in the instrumented library (a servlet request's getters) is the
 * library's code and not counted; the stacks file shows it under the instrumented method, beside
 * the application's own.
 */
final class ProfileSummary {
  /** The agents' packages in a stack, as async-profiler names frames; the benchmark's apps excluded. */
  private static final List<String> AGENT_FRAMES = List.of("dev/sidecar/", "io/opentelemetry/");
  private static final String APPS_FRAMES = "dev/sidecar/benchmarks/";
  private static final List<String> JDK_FRAMES = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/");

  private final long samples;
  private final long agentCodeOnAppThreads;
  private final Map<String, Long> agentThreads;

  private ProfileSummary(long samples, long agentCodeOnAppThreads, Map<String, Long> agentThreads) {
    this.samples = samples;
    this.agentCodeOnAppThreads = agentCodeOnAppThreads;
    this.agentThreads = agentThreads;
  }

  /** Reads collapsed stacks taken per thread: {@code [name tid=N];frame;frame count} a line. */
  static ProfileSummary read(Path collapsed) {
    try (Stream<String> lines = Files.lines(collapsed)) {
      return of(lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ProfileSummary of(Stream<String> lines) {
    long samples = 0;
    long agentCodeOnAppThreads = 0;
    Map<String, Long> agentThreads = new TreeMap<>();
    for (String line : (Iterable<String>) lines::iterator) {
      if (line.isBlank()) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      long count = Long.parseLong(line.substring(space + 1).trim());
      String stack = line.substring(0, space);
      int firstFrame = stack.indexOf(';');
      String thread = threadName(firstFrame < 0 ? stack : stack.substring(0, firstFrame));
      samples += count;
      ThreadCpu.Kind kind = ThreadCpu.kind(thread);
      if (kind == ThreadCpu.Kind.AGENT) {
        agentThreads.merge(group(thread), count, Long::sum);
      } else if (kind == ThreadCpu.Kind.APPLICATION && inAgentCode(stack)) {
        agentCodeOnAppThreads += count;
      }
    }
    return new ProfileSummary(samples, agentCodeOnAppThreads, agentThreads);
  }

  long samples() {
    return samples;
  }

  /** Share of the process's samples, 0 to 1, with a frame of the agent's on an application thread. */
  double agentCodeOnAppThreads() {
    return share(agentCodeOnAppThreads);
  }

  /** Share of the process's samples on the agent's own threads, by name less its numbers. */
  Map<String, Double> agentThreads() {
    Map<String, Double> shares = new TreeMap<>();
    agentThreads.forEach((name, count) -> shares.put(name, share(count)));
    return shares;
  }

  /** One line: each part in µs a request, given the window's CPU a request. */
  String describe(double cpuMicrosPerRequest, Path collapsed) {
    StringBuilder line = new StringBuilder("agent's code on the application's threads ")
        .append(Format.number(agentCodeOnAppThreads() * cpuMicrosPerRequest, 2)).append(" µs a request");
    agentThreads().forEach((name, share) ->
        line.append(", ").append(name).append(' ').append(Format.number(share * cpuMicrosPerRequest, 2)).append(" µs"));
    return line.append(" (").append(samples).append(" samples; stacks in ").append(collapsed).append(')').toString();
  }

  private double share(long count) {
    return samples == 0 ? 0 : (double) count / samples;
  }

  /**
   * Whether the sample ran the agent's code: the frame nearest the leaf that is neither the JDK's
   * nor native is the agent's. An agent's wrapper further up the stack (around a task, say) does not
   * make the library code it runs the agent's; the JDK's code the agent calls (a clock, a thread
   * local) is the agent's cost.
   */
  private static boolean inAgentCode(String stack) {
    String[] frames = stack.split(";");
    for (int i = frames.length - 1; i > 0; i--) {
      String frame = frames[i];
      if (!isJavaFrame(frame) || isJdkFrame(frame)) {
        continue;
      }
      if (frame.startsWith(APPS_FRAMES)) {
        return false;
      }
      for (String prefix : AGENT_FRAMES) {
        if (frame.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }
    return false;
  }

  /** {@code package/Class.method}: not a kernel, VM or native library frame. */
  private static boolean isJavaFrame(String frame) {
    return frame.indexOf('/') > 0 && !frame.endsWith("_[k]") && !frame.contains("::");
  }

  private static boolean isJdkFrame(String frame) {
    for (String prefix : JDK_FRAMES) {
      if (frame.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** {@code [sidecar-export-0 tid=123]}: the name inside, without the thread id. */
  static String threadName(String frame) {
    String name = frame.startsWith("[") && frame.endsWith("]") ? frame.substring(1, frame.length() - 1) : frame;
    int tid = name.lastIndexOf(" tid=");
    return tid >= 0 ? name.substring(0, tid) : name;
  }

  /** A pool's threads under one name: {@code sidecar-otlp-http-1-3} is {@code sidecar-otlp-http}. */
  static String group(String thread) {
    return thread.replaceAll("[-_ #]*\\d[\\d\\-_ #]*$", "");
  }
}
