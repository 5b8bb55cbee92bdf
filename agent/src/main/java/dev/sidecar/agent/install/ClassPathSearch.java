package dev.sidecar.agent.install;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

/**
 * Where the JDK's application class loader gets a class outside the JDK's modules from: the
 * bootstrap loader's appended class path (through the platform loader), then its own class path.
 * Both are read the way those loaders read them to load a class: a class path's
 * {@code getResource}, then the resource's bytes. These are JDK internals
 * ({@code jdk.internal.loader}), opened by {@code Instrumentation.redefineModule} to the agent's
 * module alone. Any other loader is not covered: the caller goes the usual way.
 */
final class ClassPathSearch implements ClassFiles.OwnSearch {
  private static final String LOADER_PACKAGE = "jdk.internal.loader";

  private final Class<?> builtinLoader;
  private final Field classPath;
  /** The bootstrap loader's appended class path; null when nothing was appended. */
  private final Object bootClassPath;
  private final Method getResource;
  /** Whether {@link #getResource} takes the permission check's flag too (JDK 17) or the name alone (JDK 25). */
  private final boolean withCheckFlag;
  private final Method getBytes;

  private ClassPathSearch(Class<?> builtinLoader, Field classPath, Object bootClassPath, Method getResource,
      Method getBytes) {
    this.builtinLoader = builtinLoader;
    this.classPath = classPath;
    this.bootClassPath = bootClassPath;
    this.getResource = getResource;
    this.withCheckFlag = getResource.getParameterCount() == 2;
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
    Method bootLoader = Class.forName(LOADER_PACKAGE + ".ClassLoaders").getDeclaredMethod("bootLoader");
    Method getResource = resourceLookup(Class.forName(LOADER_PACKAGE + ".URLClassPath"));
    Method getBytes = Class.forName(LOADER_PACKAGE + ".Resource").getDeclaredMethod("getBytes");
    classPath.setAccessible(true);
    bootLoader.setAccessible(true);
    getResource.setAccessible(true);
    getBytes.setAccessible(true);
    Object bootClassPath = classPath.get(bootLoader.invoke(null));
    return new ClassPathSearch(builtinLoader, classPath, bootClassPath, getResource, getBytes);
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
  public boolean covers(ClassLoader loader) {
    return builtinLoader.isInstance(loader);
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

  /** The entry for {@code resource} (not yet read) where the loader would take it from, or null. */
  private Object find(ClassLoader loader, String resource) throws ReflectiveOperationException {
    Object found = find(bootClassPath, resource);
    return found != null ? found : find(classPath.get(loader), resource);
  }

  private Object find(Object path, String resource) throws ReflectiveOperationException {
    if (path == null) {
      return null;
    }
    return withCheckFlag ? getResource.invoke(path, resource, false) : getResource.invoke(path, resource);
  }
}
