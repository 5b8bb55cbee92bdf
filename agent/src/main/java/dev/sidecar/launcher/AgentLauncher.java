package dev.sidecar.launcher;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * The agent's entry points. Deliberately small: it puts the bootstrap API into the bootstrap class
 * loader, creates the sidecar class loader and hands over. Nothing here may touch a bootstrap class
 * before that, or the system class loader would define a second copy of it.
 */
public final class AgentLauncher {
  private static final String SIDECAR_MAIN = "dev.sidecar.agent.Sidecar";
  private static final String CONTROL_REQUEST = "dev.sidecar.launcher.ControlRequest";
  /**
   * Resolved here, before the launcher's classes can be bootstrap classes too (a command defines
   * them there; a JVM that refuses gets the jar on its bootstrap class path): resolved later, the
   * bootstrap loader's copy would be found, in another runtime package than this class, which could
   * then not reach it. With bytecode verification on, verifying this class happened to resolve it
   * early; with {@code -Xverify:none} nothing did, and the agent failed to start.
   */
  private static final Class<?> SIDECAR_LOADER = SidecarClassLoader.class;

  private AgentLauncher() {}

  public static void premain(String agentArgs, Instrumentation instrumentation) {
    start(agentArgs, instrumentation, false);
  }

  public static void agentmain(String agentArgs, Instrumentation instrumentation) {
    if (agentArgs != null && agentArgs.startsWith(ControlRequest.ARGUMENT)) {
      control(agentArgs, instrumentation);
    } else {
      start(agentArgs, instrumentation, true);
    }
  }

  /** The command line: {@code java -jar sidecar-agent.jar --help}. */
  public static void main(String[] args) {
    System.exit(Commands.run(args, System.out, System.err));
  }

  private static void start(String agentArgs, Instrumentation instrumentation, boolean attached) {
    try {
      File jar = agentJar();
      JarFile jarFile = new JarFile(jar, false);
      BootstrapClasses.API.ensure(instrumentation, jar, jarFile);
      ClassLoader sidecarLoader = new SidecarClassLoader(jarFile, jar, ClassLoader.getPlatformClassLoader());
      Class<?> sidecar = sidecarLoader.loadClass(SIDECAR_MAIN);
      sidecar.getMethod("start", Instrumentation.class, String.class, File.class, boolean.class)
          .invoke(null, instrumentation, agentArgs, jar, attached);
    } catch (Throwable t) {
      System.err.println("[sidecar] could not start (" + t + "); the application runs without it");
    }
  }

  /**
   * A command from the command line. The command's classes are taken from the bootstrap loader, all
   * of them (defined there now, unless an earlier command or start did): the system class loader
   * would find some launcher classes itself and others only through its parent, and a package split
   * over two loaders cannot reach its own members.
   */
  private static void control(String agentArgs, Instrumentation instrumentation) {
    try {
      File jar = agentJar();
      JarFile jarFile = new JarFile(jar, false);
      boolean appended = BootstrapClasses.API.ensure(instrumentation, jar, jarFile);
      appended |= BootstrapClasses.LAUNCHER.ensure(instrumentation, jar, jarFile);
      if (!appended) {
        jarFile.close();
      }
      Class.forName(CONTROL_REQUEST, true, null)
          .getMethod("serve", String.class, Instrumentation.class, File.class)
          .invoke(null, agentArgs, instrumentation, jar);
    } catch (Throwable t) {
      System.err.println("[sidecar] could not take the command (" + t + ")");
    }
  }

  static File agentJar() throws URISyntaxException {
    return new File(AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  static String version() {
    String version = AgentLauncher.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }
}
