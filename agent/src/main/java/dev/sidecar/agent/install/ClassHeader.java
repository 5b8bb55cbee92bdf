package dev.sidecar.agent.install;

/**
 * The start of a class file: its access flags, superclass and interfaces, read by walking the
 * constant pool once. Deciding whether a class is a servlet this way skips parsing its fields and
 * methods, which is most of the cost of describing every class an application loads.
 */
final class ClassHeader {
  static final int ACC_INTERFACE = 0x0200;
  private static final String[] NO_NAMES = new String[0];

  final int access;
  /** Internal name ({@code java/lang/Object}); null for {@code java/lang/Object} and modules. */
  final String superName;
  final String[] interfaces;

  ClassHeader(int access, String superName, String[] interfaces) {
    this.access = access;
    this.superName = superName;
    this.interfaces = interfaces;
  }

  boolean isInterface() {
    return (access & ACC_INTERFACE) != 0;
  }

  /** Reads the header of {@code classFile}; throws {@link IllegalArgumentException} when it is not a class file. */
  static ClassHeader read(byte[] classFile) {
    return read(ConstantPool.of(classFile));
  }

  /** Reads the header that follows {@code pool} in its class file. */
  static ClassHeader read(ConstantPool pool) {
    int at = pool.end();
    int access = pool.u2(at);
    String superName = pool.className(pool.u2(at + 4));
    int interfaceCount = pool.u2(at + 6);
    String[] interfaces = interfaceCount == 0 ? NO_NAMES : new String[interfaceCount];
    for (int i = 0; i < interfaceCount; i++) {
      interfaces[i] = pool.className(pool.u2(at + 8 + 2 * i));
    }
    return new ClassHeader(access, superName, interfaces);
  }
}
