package dev.sidecar.agent.install;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The headers of the class files each class loader finds, read once and shared by every
 * {@link SubtypeIndex}: a supertype common to many classes is read from its jar once, whichever
 * type is asked about. Loaders are held weakly; a loader's headers are forgotten all at once when
 * they reach {@link #MAX_PER_LOADER}.
 */
final class ClassHeaders {
  static final int MAX_PER_LOADER = 8192;
  /** Stands for a class file the loader does not find. */
  private static final ClassHeader MISSING = new ClassHeader(0, null, new String[0]);

  private final Map<ClassLoader, Map<String, ClassHeader>> byLoader = new WeakHashMap<>();

  /** The header of {@code internalName} as {@code loader} finds it, or null when it finds no such class file. */
  ClassHeader of(ClassLoader loader, String internalName) {
    Map<String, ClassHeader> known = known(loader);
    ClassHeader header = known.get(internalName);
    if (header == null) {
      byte[] classFile = ClassFiles.read(loader, internalName);
      header = classFile == null ? MISSING : ClassHeader.read(classFile);
      if (known.size() >= MAX_PER_LOADER) {
        known.clear();
      }
      known.put(internalName, header);
    }
    return header == MISSING ? null : header;
  }

  /** How many class files of {@code loader} have been looked up so far, found or not. */
  int count(ClassLoader loader) {
    return known(loader).size();
  }

  private Map<String, ClassHeader> known(ClassLoader loader) {
    synchronized (byLoader) {
      return byLoader.computeIfAbsent(loader, any -> new ConcurrentHashMap<>());
    }
  }
}
