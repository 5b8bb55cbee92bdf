package dev.sidecar.agent.install;

import dev.sidecar.agent.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.Map;

/**
 * Class files as a loader finds them, for matching and weaving. A loader asks its parents first,
 * and the JDK's loaders search every module they define in the runtime image for a name outside
 * their packages: some fifty lookups in the image per class file of a library, enough during a
 * server's start for the JIT to compile the image's lookup code with C2 (about 350 ms of a
 * compiler thread's CPU in one logged Tomcat start). A class outside the packages of the JDK's
 * modules can only come to the application class loader from the bootstrap loader's appended
 * class path or from its own class path, so for such a class the agent reads those two directly,
 * as the loaders do when they load it ({@link ClassPathSearch}). Everything else goes the usual way.
 */
final class ClassFiles {
  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
  /** The JDK's packages, in internal form, and the module of each. */
  private static final Map<String, Module> JDK_PACKAGES = jdkPackages();

  /** Where a loader under the platform loader gets a class outside the JDK's modules from. */
  interface OwnSearch {
    /** Whether this search answers for {@code loader}: what it does not find, the loader does not either. */
    boolean covers(ClassLoader loader);

    /** The bytes of {@code resource} as {@code loader} would load them, or null when it has none. */
    byte[] read(ClassLoader loader, String resource) throws ReflectiveOperationException;

    /** Whether {@code loader} has {@code resource}. */
    boolean exists(ClassLoader loader, String resource) throws ReflectiveOperationException;
  }

  private static volatile OwnSearch ownSearch;

  private ClassFiles() {}

  /**
   * Opens the JDK's loader internals to the agent's module alone, not to the application, and
   * searches the class paths through them. Without them (a JDK that has them no more), every
   * lookup asks the parents first.
   */
  static void enableOwnSearch(Instrumentation instrumentation) {
    try {
      ownSearch = ClassPathSearch.open(instrumentation);
    } catch (ReflectiveOperationException | RuntimeException e) {
      ownSearch = null;
      AgentLog.debug("class files are looked up through each loader's parents: the class path search is not"
          + " available (" + e + ")");
    }
  }

  /** Whether lookups go to the class paths directly. */
  static boolean searchesOwnClassPath() {
    return ownSearch != null;
  }

  /** For tests: the own search to use, or null for none. */
  static void useOwnSearch(OwnSearch search) {
    ownSearch = search;
  }

  /** The bytes of {@code internalName}'s class file as {@code loader} (null: the bootstrap loader) finds it, or null. */
  static byte[] read(ClassLoader loader, String internalName) {
    String resource = internalName + ".class";
    Module jdkModule = jdkModule(internalName);
    if (jdkModule != null) {
      // Straight from the module: the system loader would make a jrt: URL, whose handler is one of
      // the classes being woven (sun.net.www.protocol.*) when such a class is read.
      try (InputStream in = jdkModule.getResourceAsStream(resource)) {
        return in == null ? null : in.readAllBytes();
      } catch (IOException e) {
        return null;
      }
    }
    OwnSearch search = ownSearchFor(loader, internalName);
    if (search != null) {
      try {
        return search.read(loader, resource);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // The usual way below.
      }
    }
    try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
        : loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether {@code loader} (not null) finds a class file for {@code internalName}. */
  static boolean exists(ClassLoader loader, String internalName) {
    String resource = internalName + ".class";
    OwnSearch search = ownSearchFor(loader, internalName);
    if (search != null) {
      try {
        return search.exists(loader, resource);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // The usual way below.
      }
    }
    return loader.getResource(resource) != null;
  }

  /** The own search when it answers for this loader and class; null when the usual way must. */
  private static OwnSearch ownSearchFor(ClassLoader loader, String internalName) {
    OwnSearch search = ownSearch;
    if (search == null || loader == null || loader.getParent() != PLATFORM || isJdkClass(internalName)
        || !search.covers(loader)) {
      return null;
    }
    return search;
  }

  /** Whether {@code internalName} is in a package of a module of the JDK, whichever loader defines it. */
  static boolean isJdkClass(String internalName) {
    return internalName.startsWith("java/") || jdkModule(internalName) != null;
  }

  /** The module of the JDK whose package {@code internalName} is in, or null. */
  private static Module jdkModule(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return slash > 0 ? JDK_PACKAGES.get(internalName.substring(0, slash)) : null;
  }

  /** The packages of the JDK's modules (the boot layer's), in internal form, and their modules. */
  private static Map<String, Module> jdkPackages() {
    Map<String, Module> packages = new HashMap<>();
    for (Module module : ModuleLayer.boot().modules()) {
      for (String name : module.getPackages()) {
        packages.put(name.replace('.', '/'), module);
      }
    }
    return packages;
  }
}
