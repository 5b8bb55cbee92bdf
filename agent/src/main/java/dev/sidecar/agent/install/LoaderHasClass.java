package dev.sidecar.agent.install;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Matches the class loaders that can see a given class, by looking for its class file once per
 * loader. Loaders are held weakly, so an undeployed web application's loader can be collected.
 */
final class LoaderHasClass {
  private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();
  private final String internalName;
  private final Map<ClassLoader, Boolean> seen = new WeakHashMap<>();

  LoaderHasClass(String className) {
    this.internalName = className.replace('.', '/');
  }

  public boolean matches(ClassLoader loader) {
    if (loader == null || loader == PLATFORM) {
      // Only JDK classes, never a library's; a lookup would search the runtime image's modules.
      return false;
    }
    synchronized (seen) {
      Boolean has = seen.get(loader);
      if (has == null) {
        has = ClassFiles.exists(loader, internalName);
        seen.put(loader, has);
      }
      return has;
    }
  }
}
