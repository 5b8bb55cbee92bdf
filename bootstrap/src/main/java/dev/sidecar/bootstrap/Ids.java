package dev.sidecar.bootstrap;

import java.util.concurrent.ThreadLocalRandom;

/** Random trace and span ids, kept as longs so the application thread formats nothing it need not. */
public final class Ids {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Ids() {}

  /** A random non-zero long: W3C trace context treats an all-zero id as invalid. */
  public static long randomNonZero() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    return id;
  }

  /** Writes {@code value} as 16 lower-case hex digits into {@code out} at {@code offset}. */
  public static void writeHex(long value, char[] out, int offset) {
    for (int i = 15; i >= 0; i--) {
      out[offset + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }

  public static String hex(long value) {
    char[] out = new char[16];
    writeHex(value, out, 0);
    return new String(out);
  }

  public static String traceIdHex(long high, long low) {
    char[] out = new char[32];
    writeHex(high, out, 0);
    writeHex(low, out, 16);
    return new String(out);
  }

  /** Parses 16 hex digits at {@code offset}; the caller has checked they are hex. */
  static long parseHex(CharSequence s, int offset) {
    long value = 0;
    for (int i = 0; i < 16; i++) {
      value = (value << 4) | digit(s.charAt(offset + i));
    }
    return value;
  }

  /** The value of a lower-case hex digit, or -1; W3C trace context allows lower case only. */
  static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
