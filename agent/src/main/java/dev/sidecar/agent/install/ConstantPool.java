package dev.sidecar.agent.install;

import java.nio.charset.StandardCharsets;

/**
 * The constant pool of a class file, walked once: where each entry starts and where the pool
 * ends, enough to read class names and to look for a string without decoding the others.
 */
final class ConstantPool {
  private static final int UTF8 = 1;

  private final byte[] classFile;
  /** Each entry's content, just after its tag; 0 for index 0 and for the slot after a long or double. */
  private final int[] offsets;
  private final int end;

  private ConstantPool(byte[] classFile, int[] offsets, int end) {
    this.classFile = classFile;
    this.offsets = offsets;
    this.end = end;
  }

  /** Walks the pool of {@code classFile}; throws {@link IllegalArgumentException} when it is not a class file. */
  static ConstantPool of(byte[] classFile) {
    if (classFile.length < 10 || u4(classFile, 0) != 0xCAFEBABE) {
      throw new IllegalArgumentException("not a class file");
    }
    int count = u2(classFile, 8);
    int[] offsets = new int[count];
    int at = 10;
    for (int i = 1; i < count; i++) {
      int tag = classFile[at] & 0xFF;
      offsets[i] = at + 1;
      switch (tag) {
        case UTF8:
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
    return new ConstantPool(classFile, offsets, at);
  }

  /** Where the class file goes on after the pool: its access flags. */
  int end() {
    return end;
  }

  int u2(int at) {
    return u2(classFile, at);
  }

  /** The internal name of the class entry at {@code classIndex}; null for index 0. */
  String className(int classIndex) {
    if (classIndex == 0) {
      return null;
    }
    int utf8 = offsets[u2(offsets[classIndex])];
    // Modified UTF-8 differs from UTF-8 only in characters no class name we look for contains.
    return new String(classFile, utf8 + 2, u2(utf8), StandardCharsets.UTF_8);
  }

  /** Whether a string entry of the pool is exactly one of {@code values} (ASCII, as method names are). */
  boolean hasString(byte[][] values) {
    for (int i = 1; i < offsets.length; i++) {
      int at = offsets[i];
      if (at == 0 || classFile[at - 1] != UTF8) {
        continue;
      }
      int length = u2(at);
      for (byte[] value : values) {
        if (value.length == length && equalAt(value, at + 2)) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean equalAt(byte[] value, int at) {
    for (int i = 0; i < value.length; i++) {
      if (classFile[at + i] != value[i]) {
        return false;
      }
    }
    return true;
  }

  private static int u2(byte[] bytes, int at) {
    return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
  }

  private static int u4(byte[] bytes, int at) {
    return (u2(bytes, at) << 16) | u2(bytes, at + 2);
  }
}
