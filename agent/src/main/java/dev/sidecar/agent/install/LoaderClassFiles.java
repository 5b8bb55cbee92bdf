package dev.sidecar.agent.install;

import java.lang.ref.WeakReference;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Where Byte Buddy reads the class files a loader finds, through {@link ClassFiles}. The loader is
 * held weakly: parsed types are cached per loader and must not keep their loader alive.
 */
final class LoaderClassFiles implements ClassFileLocator {
  private final WeakReference<ClassLoader> loader;

  LoaderClassFiles(ClassLoader loader) {
    this.loader = new WeakReference<>(loader);
  }

  @Override
  public Resolution locate(String name) {
    ClassLoader current = loader.get();
    byte[] bytes = current == null ? null : ClassFiles.read(current, name.replace('.', '/'));
    return bytes == null ? new Resolution.Illegal(name) : new Resolution.Explicit(bytes);
  }

  @Override
  public void close() {
    // Nothing held open.
  }
}
