package dev.sidecar.agent.install;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Class files as a loader finds them, for matching and weaving. A loader asks its parents first,
 * and the JDK's loaders search every module they define in the runtime image for a name outside
 * their packages: some fifty lookups in the image per class file of a library, enough during a
 * server's start for the JIT to compile the image's lookup code with C2 (about 350 ms of a
 * compiler thread's CPU in one logged Tomcat start). A loader whose parent is the platform loader
 * (the application class loader) cannot get a class outside the JDK's packages from its parents,
 * so for such a class its own search is asked directly; everything else goes the usual way.
 */
final class ClassFiles {
  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
  private static final Set<String> JDK_PACKAGES = jdkPackages();

  /** A loader's own search, without its parents; null when not available. */
  interface OwnSearch {
    URL find(ClassLoader loader, String resource) throws ReflectiveOperationException;
  }

  private static volatile OwnSearch ownSearch;

  private ClassFiles() {}

  /**
   * Makes {@code ClassLoader.findResource} callable by the agent alone ({@code java.lang} opened to
   * the agent's module, not to the application). Without it, every lookup asks the parents first.
   */
  static void enableOwnSearch(Instrumentation instrumentation) {
    try {
      Module agent = ClassFiles.class.getModule();
      Module javaBase = ClassLoader.class.getModule();
      if (!javaBase.isOpen("java.lang", agent)) {
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(agent)), Set.of(),
            Map.of());
      }
      Method findResource = ClassLoader.class.getDeclaredMethod("findResource", String.class);
      findResource.setAccessible(true);
      ownSearch = (loader, resource) -> (URL) findResource.invoke(loader, resource);
    } catch (ReflectiveOperationException | RuntimeException e) {
      ownSearch = null;
    }
  }

  /** For tests: the own search to use, or null for none. */
  static void useOwnSearch(OwnSearch search) {
    ownSearch = search;
  }

  /** The bytes of {@code internalName}'s class file as {@code loader} (null: the bootstrap loader) finds it, or null. */
  static byte[] read(ClassLoader loader, String internalName) {
    String resource = internalName + ".class";
    try {
      URL own = ownSearchFor(loader, internalName, resource);
      try (InputStream in = own != null ? own.openStream()
          : loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
        return in == null ? null : in.readAllBytes();
      }
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether {@code loader} (not null) finds a class file for {@code internalName}. */
  static boolean exists(ClassLoader loader, String internalName) {
    String resource = internalName + ".class";
    return ownSearchFor(loader, internalName, resource) != null || loader.getResource(resource) != null;
  }

  /**
   * The class file from the loader's own search when its parents cannot have it; null when they
   * might, or when the own search finds nothing: the usual way is asked then, so a class only on a
   * bootstrap class path another agent appended is still found. (One on both that path and the
   * class path is read from the class path, where the JVM would load the appended one.)
   */
  private static URL ownSearchFor(ClassLoader loader, String internalName, String resource) {
    OwnSearch search = ownSearch;
    if (search == null || loader == null || loader.getParent() != PLATFORM || isJdkClass(internalName)) {
      return null;
    }
    try {
      return search.find(loader, resource);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Whether {@code internalName} is in a package of the JDK's bootstrap or platform loader. */
  static boolean isJdkClass(String internalName) {
    int slash = internalName.lastIndexOf('/');
    return internalName.startsWith("java/")
        || slash > 0 && JDK_PACKAGES.contains(internalName.substring(0, slash));
  }

  /** The packages of the JDK's modules the bootstrap and platform loaders define, in internal form. */
  private static Set<String> jdkPackages() {
    Set<String> packages = new HashSet<>();
    for (Module module : ModuleLayer.boot().modules()) {
      ClassLoader loader = module.getClassLoader();
      if (loader == null || loader == PLATFORM) {
        for (String name : module.getPackages()) {
          packages.add(name.replace('.', '/'));
        }
      }
    }
    return packages;
  }
}
