package dev.sidecar.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Defines classes of the agent jar's root in the bootstrap class loader, one by one, so that the
 * jar need not join the bootstrap class path: a JVM whose bootstrap class path grows prints a
 * warning and stops taking the application's classes from a static class-data archive (AppCDS),
 * which start-up tuned applications rely on. The launcher loads this class in a class loader of its
 * own, the only one {@code java.lang} is opened to (for {@code ClassLoader.defineClass1}); it
 * touches no class of the agent, the bootstrap API least of all, since that is not defined yet.
 */
public final class BootstrapDefiner {
  /** The root's classes, one path per line: written by the build. */
  static final String LIST = "sidecar-internal/root-classes.txt";

  private BootstrapDefiner() {}

  /**
   * Defines the classes of the root listed under {@code packagePath} (such as
   * {@code dev/sidecar/bootstrap/}) in the bootstrap class loader. Returns null when every one is
   * defined, else why not: the caller then appends the jar to the bootstrap class path, which
   * supplies whatever is missing.
   */
  public static String define(Instrumentation instrumentation, JarFile jar, String packagePath) {
    Method defineClass;
    try {
      instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
          Map.of("java.lang", Set.of(BootstrapDefiner.class.getModule())), Set.of(), Map.of());
      defineClass = ClassLoader.class.getDeclaredMethod("defineClass1", ClassLoader.class, String.class,
          byte[].class, int.class, int.class, ProtectionDomain.class, String.class);
      defineClass.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return "this JVM does not let an agent define classes in the bootstrap class loader (" + e + ")";
    }
    Map<String, byte[]> pending;
    try {
      pending = classFiles(jar, packagePath);
    } catch (IOException e) {
      return "cannot read the agent jar's classes (" + e + ")";
    }
    if (pending.isEmpty()) {
      return "the agent jar lists no class under " + packagePath;
    }
    // A class is defined after its superclass and interfaces; one whose are not there yet waits
    // for the next pass.
    while (!pending.isEmpty()) {
      int before = pending.size();
      for (Iterator<Map.Entry<String, byte[]>> classes = pending.entrySet().iterator(); classes.hasNext(); ) {
        Map.Entry<String, byte[]> next = classes.next();
        String name = next.getKey();
        byte[] bytes = next.getValue();
        try {
          defineClass.invoke(null, null, name, bytes, 0, bytes.length, null, null);
          classes.remove();
        } catch (InvocationTargetException e) {
          if (e.getCause() instanceof NoClassDefFoundError) {
            continue; // a supertype is not defined yet
          }
          if (!definedAlready(name)) {
            return "cannot define " + name + " in the bootstrap class loader (" + e.getCause() + ")";
          }
          classes.remove();
        } catch (IllegalAccessException | RuntimeException e) {
          return "cannot define " + name + " in the bootstrap class loader (" + e + ")";
        }
      }
      if (pending.size() == before) {
        return "cannot define " + pending.keySet() + " in the bootstrap class loader: their supertypes are missing";
      }
    }
    return null;
  }

  /** Binary name to class file bytes, in the order listed, for the listed classes under {@code packagePath}. */
  private static Map<String, byte[]> classFiles(JarFile jar, String packagePath) throws IOException {
    Map<String, byte[]> classes = new LinkedHashMap<>();
    ZipEntry list = jar.getEntry(LIST);
    if (list == null) {
      return classes;
    }
    try (BufferedReader paths = new BufferedReader(new InputStreamReader(jar.getInputStream(list), StandardCharsets.UTF_8))) {
      for (String path = paths.readLine(); path != null; path = paths.readLine()) {
        path = path.trim();
        if (!path.startsWith(packagePath) || !path.endsWith(".class")) {
          continue;
        }
        ZipEntry entry = jar.getEntry(path);
        if (entry == null) {
          throw new IOException("no entry " + path);
        }
        try (InputStream in = jar.getInputStream(entry)) {
          String name = path.substring(0, path.length() - ".class".length()).replace('/', '.');
          classes.put(name, in.readAllBytes());
        }
      }
    }
    return classes;
  }

  private static boolean definedAlready(String name) {
    try {
      Class.forName(name, false, null);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
