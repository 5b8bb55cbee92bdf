package dev.sidecar.agent.install;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * The class path of the JDK's application class loader, read the way that loader reads it to
 * load a class: its class path's {@code getResource}, then the resource's bytes. These are JDK
 * internals ({@code jdk.internal.loader}), opened by {@code Instrumentation.redefineModule} to the
 * agent's module alone. Any other loader has no such class path here: the caller goes the usual way.
 */
final class ClassPathSearch implements ClassFiles.OwnSearch {
  private static final String LOADER_PACKAGE = "jdk.internal.loader";

  private final Class<?> builtinLoader;
  private final Field classPath;
  private final Method getResource;
  private final Method getBytes;

  private ClassPathSearch(Class<?> builtinLoader, Field classPath, Method getResource, Method getBytes) {
    this.builtinLoader = builtinLoader;
    this.classPath = classPath;
    this.getResource = getResource;
    this.getBytes = getBytes;
  }

  /** Opens the JDK's loader package to the agent and finds the members it reads; throws when they are not there. */
  static ClassPathSearch open(Instrumentation instrumentation) throws ReflectiveOperationException {
    Module agent = ClassPathSearch.class.getModule();
    Module javaBase = ClassLoader.class.getModule();
    if (!javaBase.isOpen(LOADER_PACKAGE, agent)) {
      instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of(LOADER_PACKAGE, Set.of(agent)), Set.of(),
          Map.of());
    }
    Class<?> builtinLoader = Class.forName(LOADER_PACKAGE + ".BuiltinClassLoader");
    Field classPath = builtinLoader.getDeclaredField("ucp");
    Method getResource = resourceLookup(Class.forName(LOADER_PACKAGE + ".URLClassPath"));
    Method getBytes = Class.forName(LOADER_PACKAGE + ".Resource").getDeclaredMethod("getBytes");
    classPath.setAccessible(true);
    getResource.setAccessible(true);
    getBytes.setAccessible(true);
    return new ClassPathSearch(builtinLoader, classPath, getResource, getBytes);
  }

  /**
   * The class path's lookup without a permission check: {@code getResource(String, boolean)} on a
   * JDK with the security manager's checks (17), {@code getResource(String)} on one without (25).
   */
  private static Method resourceLookup(Class<?> urlClassPath) throws NoSuchMethodException {
    try {
      return urlClassPath.getDeclaredMethod("getResource", String.class, boolean.class);
    } catch (NoSuchMethodException e) {
      return urlClassPath.getDeclaredMethod("getResource", String.class);
    }
  }

  @Override
  public byte[] read(ClassLoader loader, String resource) throws ReflectiveOperationException {
    Object found = find(loader, resource);
    return found == null ? null : (byte[]) getBytes.invoke(found);
  }

  @Override
  public boolean exists(ClassLoader loader, String resource) throws ReflectiveOperationException {
    return find(loader, resource) != null;
  }

  /** The class path's entry for {@code resource} (not yet read), or null. */
  private Object find(ClassLoader loader, String resource) throws ReflectiveOperationException {
    if (!builtinLoader.isInstance(loader)) {
      return null;
    }
    Object path = classPath.get(loader);
    if (path == null) {
      return null;
    }
    return getResource.getParameterCount() == 2 ? getResource.invoke(path, resource, false)
        : getResource.invoke(path, resource);
  }
}
