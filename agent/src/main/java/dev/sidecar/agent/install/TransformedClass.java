package dev.sidecar.agent.install;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * The class the transformer is deciding about, being loaded (its bytes) or already loaded (its
 * {@code Class}). What rules ask of it beyond its name, its header or its type description, is
 * worked out once, when first asked: most classes that reach this far are decided from the header
 * alone, without a type pool.
 */
final class TransformedClass {
  final String internalName;
  final ClassLoader loader;
  /** Null while the class is being loaded. */
  final Class<?> loaded;
  /** Null for a class already loaded that is only being matched, not transformed. */
  private final byte[] classFile;
  private final TypePoolCache typePools;
  private ClassHeader header;
  private ClassFileLocator locator;
  private TypePool typePool;
  private TypeDescription description;

  TransformedClass(String internalName, ClassLoader loader, Class<?> loaded, byte[] classFile,
      TypePoolCache typePools) {
    this.internalName = internalName;
    this.loader = loader;
    this.loaded = loaded;
    this.classFile = classFile;
    this.typePools = typePools;
  }

  ClassHeader header() {
    if (header == null) {
      header = ClassHeader.read(classFile);
    }
    return header;
  }

  /** Where Byte Buddy reads this class's bytes and the bytes of the types it refers to. */
  ClassFileLocator locator() {
    if (locator == null) {
      locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(binaryName(), classFile),
          // Held weakly (both): parsed types are cached per loader and must not keep their loader alive.
          loader == null ? ClassFileLocator.ForClassLoader.WeaklyReferenced.of(null) : new LoaderClassFiles(loader));
    }
    return locator;
  }

  TypePool typePool() {
    if (typePool == null) {
      typePool = typePools.typePool(locator(), loader, binaryName());
    }
    return typePool;
  }

  /**
   * A loaded class is described from its {@code Class} object, a class being loaded from its
   * bytes: only what a matcher asks for beyond the name is parsed.
   */
  TypeDescription description() {
    if (description == null) {
      description = loaded != null ? TypeDescription.ForLoadedType.of(loaded) : typePool().describe(binaryName()).resolve();
    }
    return description;
  }

  String binaryName() {
    return internalName.replace('/', '.');
  }
}
