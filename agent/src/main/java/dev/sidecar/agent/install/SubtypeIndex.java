package dev.sidecar.agent.install;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which classes extend or implement one given type, decided from class file headers and
 * remembered per class loader. A class being loaded is decided from its own bytes; its supertypes
 * from the headers {@link ClassHeaders} reads once per loader. Loaders are held weakly; a loader's
 * answers are forgotten all at once when they reach {@link #MAX_TYPES_PER_LOADER}.
 */
final class SubtypeIndex {
  static final int MAX_TYPES_PER_LOADER = 8192;
  private static final int MAX_DEPTH = 64;

  private final String target;
  private final boolean targetInJdk;
  private final ClassHeaders headers;
  private final Map<ClassLoader, Map<String, Boolean>> byLoader = new WeakHashMap<>();

  /** {@code typeName} in binary form ({@code jakarta.servlet.Servlet}). */
  SubtypeIndex(String typeName, ClassHeaders headers) {
    this.target = typeName.replace('.', '/');
    this.targetInJdk = ClassFiles.isJdkClass(target);
    this.headers = headers;
  }

  /** Whether the class of this header, which {@code loader} is loading, is a class (not an interface) of the type. */
  boolean isClassOfType(String internalName, ClassHeader header, ClassLoader loader) {
    if (header.isInterface()) {
      return false;
    }
    return internalName.equals(target) || anyOfType(header, loader, known(loader), 0);
  }

  /** The same, for a class already loaded: its supertypes are walked through reflection. */
  boolean isClassOfType(Class<?> type) {
    return !type.isInterface() && isOfType(type);
  }

  private boolean isOfType(Class<?> type) {
    if (type.getName().replace('.', '/').equals(target)) {
      return true;
    }
    Class<?> superclass = type.getSuperclass();
    if (superclass != null && isOfType(superclass)) {
      return true;
    }
    for (Class<?> implemented : type.getInterfaces()) {
      if (isOfType(implemented)) {
        return true;
      }
    }
    return false;
  }

  private boolean anyOfType(ClassHeader header, ClassLoader loader, Map<String, Boolean> known, int depth) {
    if (isOfType(header.superName, loader, known, depth)) {
      return true;
    }
    for (String implemented : header.interfaces) {
      if (isOfType(implemented, loader, known, depth)) {
        return true;
      }
    }
    return false;
  }

  private boolean isOfType(String internalName, ClassLoader loader, Map<String, Boolean> known, int depth) {
    if (internalName == null) {
      return false;
    }
    if (internalName.equals(target)) {
      return true;
    }
    // The JDK's own classes cannot see a library's types; looking their class files up costs a
    // search of the runtime image each.
    if (depth > MAX_DEPTH || !targetInJdk && ClassFiles.isJdkClass(internalName)) {
      return false;
    }
    Boolean isOfType = known.get(internalName);
    if (isOfType == null) {
      ClassHeader header = headers.of(loader, internalName);
      isOfType = header != null && anyOfType(header, loader, known, depth + 1);
      if (known.size() >= MAX_TYPES_PER_LOADER) {
        known.clear();
      }
      known.put(internalName, isOfType);
    }
    return isOfType;
  }

  private Map<String, Boolean> known(ClassLoader loader) {
    synchronized (byLoader) {
      return byLoader.computeIfAbsent(loader, any -> new ConcurrentHashMap<>());
    }
  }
}
