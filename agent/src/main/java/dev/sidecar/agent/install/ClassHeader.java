package dev.sidecar.agent.install;

import java.nio.charset.StandardCharsets;

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
    if (classFile.length < 10 || u4(classFile, 0) != 0xCAFEBABE) {
      throw new IllegalArgumentException("not a class file");
    }
    int count = u2(classFile, 8);
    // Offsets of each entry's content, after its tag; enough to find class names afterwards.
    int[] offsets = new int[count];
    int at = 10;
    for (int i = 1; i < count; i++) {
      int tag = classFile[at] & 0xFF;
      offsets[i] = at + 1;
      switch (tag) {
        case 1: // Utf8
          at += 3 + u2(classFile, at + 1);
          break;
        case 7: case 8: case 16: case 19: case 20: // Class, String, MethodType, Module, Package
          at += 3;
          break;
        case 15: // MethodHandle
          at += 4;
          break;
        case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
          at += 5;
          break;
        case 5: case 6: // Long, Double: two entries
          at += 9;
          i++;
          break;
        default:
          throw new IllegalArgumentException("unknown constant pool tag " + tag);
      }
    }
    int access = u2(classFile, at);
    String superName = className(classFile, offsets, u2(classFile, at + 4));
    int interfaceCount = u2(classFile, at + 6);
    String[] interfaces = interfaceCount == 0 ? NO_NAMES : new String[interfaceCount];
    for (int i = 0; i < interfaceCount; i++) {
      interfaces[i] = className(classFile, offsets, u2(classFile, at + 8 + 2 * i));
    }
    return new ClassHeader(access, superName, interfaces);
  }

  private static String className(byte[] classFile, int[] offsets, int classIndex) {
    if (classIndex == 0) {
      return null;
    }
    int utf8 = offsets[u2(classFile, offsets[classIndex])];
    // Modified UTF-8 differs from UTF-8 only in characters no class name we look for contains.
    return new String(classFile, utf8 + 2, u2(classFile, utf8), StandardCharsets.UTF_8);
  }

  private static int u2(byte[] bytes, int at) {
    return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
  }

  private static int u4(byte[] bytes, int at) {
    return (u2(bytes, at) << 16) | u2(bytes, at + 2);
  }
}
