package dev.sidecar.agent.install;

import java.util.Arrays;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Stack map frame locals as one entry per local variable slot, the way an inliner adds its own
 * locals after the advised method's: ASM's expanded frames list a {@code long} or {@code double}
 * once for its two slots, here its second slot holds {@link #SECOND_HALF}.
 */
final class Frames {
  static final Object SECOND_HALF = new Object();

  private Frames() {}

  /** {@code size} slots, none set. */
  static Object[] unset(int size) {
    Object[] slots = new Object[size];
    Arrays.fill(slots, Opcodes.TOP);
    return slots;
  }

  /** The slots of a frame's {@code count} locals, as ASM gives them in an expanded frame, at least {@code size} long. */
  static Object[] slots(int count, Object[] locals, int size) {
    int slots = 0;
    for (int i = 0; i < count; i++) {
      slots += isWide(locals[i]) ? 2 : 1;
    }
    Object[] result = new Object[Math.max(slots, size)];
    Arrays.fill(result, Opcodes.TOP);
    int at = 0;
    for (int i = 0; i < count; i++) {
      result[at++] = locals[i];
      if (isWide(locals[i])) {
        result[at++] = SECOND_HALF;
      }
    }
    return result;
  }

  /** Back to ASM's expanded form, without the trailing unused slots. */
  static Object[] locals(Object[] slots) {
    int end = slots.length;
    while (end > 0 && Opcodes.TOP.equals(slots[end - 1])) {
      end--;
    }
    Object[] locals = new Object[end];
    int count = 0;
    for (int i = 0; i < end; i++) {
      if (slots[i] != SECOND_HALF) {
        locals[count++] = slots[i];
      }
    }
    return Arrays.copyOf(locals, count);
  }

  /** Writes {@code type}'s frame entry at {@code slot}. */
  static void put(Object[] slots, int slot, Type type) {
    slots[slot] = entry(type);
    if (type.getSize() == 2) {
      slots[slot + 1] = SECOND_HALF;
    }
  }

  /** The frame entry of a value of {@code type}. */
  static Object entry(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN: case Type.BYTE: case Type.CHAR: case Type.SHORT: case Type.INT:
        return Opcodes.INTEGER;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      default:
        return type.getInternalName();
    }
  }

  private static boolean isWide(Object entry) {
    return entry == Opcodes.LONG || entry == Opcodes.DOUBLE;
  }
}
