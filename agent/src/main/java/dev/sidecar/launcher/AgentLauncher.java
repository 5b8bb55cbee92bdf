package dev.sidecar.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * The agent's entry points. Deliberately small: it puts the bootstrap API on the bootstrap class
 * path, creates the sidecar class loader and hands over. Nothing here may touch a bootstrap class
 * before the jar is appended, or the system class loader would define a second copy of it.
 */
public final class AgentLauncher {
  private static final String SIDECAR_MAIN = "dev.sidecar.agent.Sidecar";

  private AgentLauncher() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, false);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, true);
  }

  /** The command line: {@code java -jar sidecar-agent.jar --help}. */
  public static void main(String[] args) {
    String command = args.length == 0 ? "--help" : args[0];
    switch (command) {
      case "--version":
      case "version":
        System.out.println("sidecar " + version());
        return;
      case "--help":
      case "-h":
      case "help":
        System.out.println(usage());
        return;
      default:
        System.err.println("sidecar: unknown command '" + command + "'; run with --help for usage");
        System.exit(2);
    }
  }

  private static void start(String agentArgs, Instrumentation instrumentation, boolean attached) {
    try {
      File jar = agentJar();
      JarFile jarFile = new JarFile(jar, false);
      instrumentation.appendToBootstrapClassLoaderSearch(jarFile);
      ClassLoader sidecarLoader = new SidecarClassLoader(jarFile, jar, ClassLoader.getPlatformClassLoader());
      Class<?> sidecar = sidecarLoader.loadClass(SIDECAR_MAIN);
      sidecar.getMethod("start", Instrumentation.class, String.class, File.class, boolean.class)
          .invoke(null, instrumentation, agentArgs, jar, attached);
    } catch (Throwable t) {
      System.err.println("[sidecar] could not start (" + t + "); the application runs without it");
    }
  }

  static File agentJar() throws URISyntaxException {
    return new File(AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  static String version() {
    String version = AgentLauncher.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  private static String usage() {
    return String.join(System.lineSeparator(),
        "Sidecar " + version() + ": traces HTTP and logs of a Java application and exports them over OTLP.",
        "",
        "Usage:",
        "  java -javaagent:sidecar-agent.jar -Dotel.service.name=NAME -jar app.jar",
        "  java -jar sidecar-agent.jar --version",
        "  java -jar sidecar-agent.jar --help",
        "",
        "Configure with system properties (otel.*) or OTEL_* environment variables;",
        "see the README for the full list.");
  }
}
