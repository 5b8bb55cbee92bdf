package dev.sidecar.benchmarks.wholeprocess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line, parsed; every value has a default. */
record Options(
    int rounds, int startups, Duration warmup, Duration warmupMax, Duration measure, int connections, List<AppKind> apps,
    List<AgentConfig> configs, boolean faults, boolean interleaved, int cycles, int jvms, Duration slice,
    Path java, List<String> jvmArgs, Path sidecarAgent, Path otelAgent, Path baselineAgent, boolean logs,
    boolean profile, boolean help) {

  static final String USAGE = String.join("\n",
      "usage: java -jar benchmarks/whole-process/target/whole-process.jar [options]",
      "  --rounds N           rounds; each runs every app under every configuration once, in rotating order (3)",
      "  --startups N         start-up launches per round; the round's start-up is their median (3)",
      "  --warmup S           seconds of load before measuring, at least; then until the JIT is quiet (120;",
      "                       --faults: 10)",
      "  --warmup-max S       seconds of load before measuring, at most (180)",
      "  --seconds S          seconds of measured load (15)",
      "  --connections N      keep-alive connections of the closed-loop load (8)",
      "  --apps A,B           tomcat, jdk (both)",
      "  --configs C,D        none, sidecar, otel-http-logs, otel-defaults (these four; with --faults: sidecar);",
      "                       sidecar-no-export: Sidecar recording as usual, its exporters none;",
      "                       sidecar-baseline: Sidecar from the --baseline-agent jar, to set beside sidecar",
      "                       work-1us: no agent, the app spinning 1 µs on each request's thread, a yardstick",
      "  --quick              1 round, 3 to 10 s warm-up, 5 s measured (interleaved: 2 cycles of 2 s slices):",
      "                       checks that everything runs",
      "  --faults             collector faults: each CollectorFault in turn, with the app under load",
      "  --interleaved        every configuration's JVM at once, the load moved among them in slices;",
      "                       throughput, latency, CPU and memory only (--rounds, --startups, --seconds unused)",
      "  --cycles N           with --interleaved: measured cycles, each a slice of every configuration (12)",
      "  --jvms N             with --interleaved: JVMs per configuration, one set after another, the cycles",
      "                       shared among them (3; --quick: 1)",
      "  --slice S            with --interleaved: measured seconds of a slice, after 2 s of settling load (3)",
      "  --profile            after each measured window, one as long with async-profiler attached: the agent's",
      "                       code on the app's threads and its own threads, in µs a request, and the stacks in",
      "                       target/whole-process-profiles (not with --interleaved or --faults)",
      "  --no-logs           the apps log nothing: each request makes one server span and no log record,",
      "                       the budget's traced hello world (default: one java.util.logging record a request)",
      "  --java PATH          the java that runs the apps (this JVM's)",
      "  --jvm-args 'ARGS'    JVM options for the apps, after the configuration's own (-Xmx512m)",
      "  --sidecar-agent JAR  (agent/target/sidecar-agent.jar)",
      "  --otel-agent JAR     (benchmarks/whole-process/target/opentelemetry-javaagent.jar)",
      "  --baseline-agent JAR the Sidecar jar of configuration sidecar-baseline, such as an earlier build's (none)");

  /**
   * The least warm-up: long enough for an agent's code that runs once an export to be compiled by
   * C2 as well. An export carries 512 records, so such code reaches C2's threshold (5,000 calls)
   * after some 2.5 million requests, 75 s into the load at 35,000 a second, and is compiled by about
   * 100 s; until then it runs C1's profiling code. Sidecar's export threads took 0.89 µs a request
   * 10 to 40 s into the load and 0.64 µs from 2 to 3 minutes on; a warm-up that ended at 30 s
   * measured the agents' first minute, not their steady state.
   */
  static final int WARMUP_SECONDS = 120;
  static final int WARMUP_MAX_SECONDS = 180;
  /** A fault run measures what a collector's fault costs, not the steady state: a short warm-up does. */
  static final int FAULT_WARMUP_SECONDS = 10;

  private static final Set<String> FLAGS = Set.of("--quick", "--faults", "--interleaved", "--no-logs", "--profile", "--help",
      "-h");
  private static final Set<String> VALUED = Set.of("--rounds", "--startups", "--warmup", "--warmup-max", "--seconds",
      "--connections", "--apps", "--cycles", "--jvms", "--slice", "--configs", "--java", "--jvm-args",
      "--sidecar-agent", "--otel-agent", "--baseline-agent");

  static Options parse(String... args) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(0, eq) : arg;
      if (FLAGS.contains(name) && eq < 0) {
        given.put(name, "true");
      } else if (VALUED.contains(name)) {
        if (eq > 0) {
          given.put(name, arg.substring(eq + 1));
        } else if (i + 1 < args.length) {
          given.put(name, args[++i]);
        } else {
          throw new BenchmarkException(name + " needs a value");
        }
      } else {
        throw new BenchmarkException("unknown option '" + arg + "' (--help lists them)");
      }
    }
    boolean quick = given.containsKey("--quick");
    boolean faults = given.containsKey("--faults");
    if (faults && given.containsKey("--interleaved")) {
      throw new BenchmarkException("--faults and --interleaved are two runs of their own; give one of them");
    }
    boolean profile = given.containsKey("--profile");
    if (profile && (faults || given.containsKey("--interleaved"))) {
      throw new BenchmarkException("--profile profiles the windows of the rounds' runs; not with "
          + (faults ? "--faults" : "--interleaved"));
    }
    int cycles = positive(given, "--cycles", quick ? 2 : 12);
    int jvms = positive(given, "--jvms", quick ? 1 : 3);
    if (jvms > cycles) {
      throw new BenchmarkException("--jvms " + jvms + " is more than the " + cycles
          + " cycles: each set of JVMs needs a cycle at least");
    }
    String configs = given.getOrDefault("--configs", faults ? "sidecar" : "none,sidecar,otel-http-logs,otel-defaults");
    return new Options(
        positive(given, "--rounds", quick ? 1 : 3),
        positive(given, "--startups", quick ? 1 : 3),
        Duration.ofSeconds(positive(given, "--warmup", quick ? 3 : faults ? FAULT_WARMUP_SECONDS : WARMUP_SECONDS)),
        Duration.ofSeconds(positive(given, "--warmup-max", quick ? 10 : WARMUP_MAX_SECONDS)),
        Duration.ofSeconds(positive(given, "--seconds", quick ? 5 : 15)),
        positive(given, "--connections", 8),
        list(given.getOrDefault("--apps", "tomcat,jdk")).stream().map(AppKind::of).toList(),
        list(configs).stream().map(AgentConfig::of).toList(),
        faults,
        given.containsKey("--interleaved"),
        cycles,
        jvms,
        Duration.ofSeconds(positive(given, "--slice", quick ? 2 : 3)),
        given.containsKey("--java") ? Path.of(given.get("--java")) : Path.of(System.getProperty("java.home"), "bin", "java"),
        list(given.getOrDefault("--jvm-args", "-Xmx512m"), "\\s+"),
        given.containsKey("--sidecar-agent") ? Path.of(given.get("--sidecar-agent")) : null,
        given.containsKey("--otel-agent") ? Path.of(given.get("--otel-agent")) : null,
        given.containsKey("--baseline-agent") ? Path.of(given.get("--baseline-agent")) : null,
        !given.containsKey("--no-logs"),
        profile,
        given.containsKey("--help") || given.containsKey("-h"));
  }

  private static int positive(Map<String, String> given, String name, int fallback) {
    String value = given.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new BenchmarkException(name + " takes a whole number above 0, not '" + value + "'");
  }

  private static List<String> list(String value) {
    return list(value, ",");
  }

  private static List<String> list(String value, String separator) {
    return Arrays.stream(value.trim().split(separator)).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
  }
}
