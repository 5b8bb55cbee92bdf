package dev.sidecar.launcher;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * Puts a package of the agent jar's root into the bootstrap class loader, unless an earlier start
 * did. Each class is defined there by the sidecar's {@code BootstrapDefiner}, in a class loader of
 * its own; the jar joins the bootstrap class path only when the JVM does not allow that. A grown
 * bootstrap class path makes the JVM print a warning and stop taking the application's classes
 * from a static class-data archive.
 */
final class BootstrapClasses {
  /** The bootstrap API, which advice in any class loader calls. */
  static final BootstrapClasses API = new BootstrapClasses("dev/sidecar/bootstrap/", "dev.sidecar.bootstrap.SidecarHandle");
  /** The launcher, for the commands run in a target JVM: their classes all come from one loader. */
  static final BootstrapClasses LAUNCHER = new BootstrapClasses("dev/sidecar/launcher/", "dev.sidecar.launcher.ControlRequest");

  private static final String DEFINER = "dev.sidecar.agent.BootstrapDefiner";

  private final String packagePath;
  private final String probe;

  BootstrapClasses(String packagePath, String probe) {
    this.packagePath = packagePath;
    this.probe = probe;
  }

  /**
   * Makes the package's classes bootstrap classes; returns whether the jar was appended to the
   * bootstrap class path for it (the jar file must then stay open).
   */
  boolean ensure(Instrumentation instrumentation, File jar, JarFile jarFile) throws IOException {
    if (inBootstrapLoader()) {
      return false;
    }
    String failure;
    try {
      ClassLoader definerLoader = new SidecarClassLoader(jarFile, jar, ClassLoader.getPlatformClassLoader());
      failure = (String) definerLoader.loadClass(DEFINER)
          .getMethod("define", Instrumentation.class, JarFile.class, String.class)
          .invoke(null, instrumentation, jarFile, packagePath);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      failure = e.toString();
    }
    if (failure == null) {
      return false;
    }
    if (debug()) {
      System.err.println("[sidecar] DEBUG " + failure + "; appending the agent jar to the bootstrap class path instead");
    }
    instrumentation.appendToBootstrapClassLoaderSearch(jarFile);
    return true;
  }

  private boolean inBootstrapLoader() {
    try {
      // The bootstrap loader only: asking the system loader would define a second copy from the jar.
      Class.forName(probe, false, null);
      return true;
    } catch (ClassNotFoundException notYet) {
      return false;
    }
  }

  /** The agent's configuration is not read yet; its debug switch is, from where a user sets it. */
  private static boolean debug() {
    String property = System.getProperty("otel.javaagent.debug");
    String value = property != null ? property : System.getenv("OTEL_JAVAAGENT_DEBUG");
    return Boolean.parseBoolean(value);
  }
}
