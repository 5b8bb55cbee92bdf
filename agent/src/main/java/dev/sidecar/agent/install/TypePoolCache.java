package dev.sidecar.agent.install;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * Keeps the type descriptions Byte Buddy parses, per class loader, from one class to the next:
 * weaving resolves the types an advised method and a substituted call refer to, and a type matcher
 * that looks past the name walks a class's supertypes; without a shared cache each would parse the
 * same JDK and library classes again. Loaders are held weakly; each loader's cache is emptied when
 * it reaches {@link #MAX_TYPES_PER_LOADER}, so what it holds stays a few megabytes whatever the
 * application loads.
 */
final class TypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {
  static final int MAX_TYPES_PER_LOADER = 2048;
  // The bootstrap loader is null, which a map cannot hold weakly; it lives for the JVM anyway.
  private final TypePool.CacheProvider bootstrap = new Bounded();
  private final Map<ClassLoader, TypePool.CacheProvider> byLoader = new WeakHashMap<>();

  TypePoolCache() {
    super(TypePool.Default.ReaderMode.FAST);
  }

  @Override
  protected TypePool.CacheProvider locate(ClassLoader loader) {
    if (loader == null) {
      return bootstrap;
    }
    synchronized (byLoader) {
      return byLoader.computeIfAbsent(loader, any -> new Bounded());
    }
  }

  /** Forgets everything when full: cheap, and the hierarchies still being walked are parsed again soon. */
  private static final class Bounded implements TypePool.CacheProvider {
    private final Map<String, TypePool.Resolution> types = new ConcurrentHashMap<>();

    @Override
    public TypePool.Resolution find(String name) {
      return types.get(name);
    }

    @Override
    public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
      if (types.size() >= MAX_TYPES_PER_LOADER) {
        types.clear();
      }
      TypePool.Resolution previous = types.putIfAbsent(name, resolution);
      return previous == null ? resolution : previous;
    }

    @Override
    public void clear() {
      types.clear();
    }
  }
}
