package dev.sidecar.bootstrap;

/**
 * A parsed W3C {@code traceparent} header (version 00 and the forward-compatible rules for later
 * versions), with the {@code tracestate} that travels with it.
 */
public final class TraceParent {
  private static final int LENGTH = 55;
  private static final int MAX_TRACE_STATE_LENGTH = 512;
  private static final int MAX_TRACE_STATE_MEMBERS = 32;

  private final long traceIdHigh;
  private final long traceIdLow;
  private final long spanId;
  private final boolean sampled;
  private final String traceState;

  private TraceParent(long traceIdHigh, long traceIdLow, long spanId, boolean sampled, String traceState) {
    this.traceIdHigh = traceIdHigh;
    this.traceIdLow = traceIdLow;
    this.spanId = spanId;
    this.sampled = sampled;
    this.traceState = traceState;
  }

  /**
   * Parses a {@code traceparent} value; returns null when it is absent or malformed, in which case
   * the caller starts a new trace, as the W3C specification asks.
   */
  public static TraceParent parse(String header, String traceState) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    // Version 00 is exactly 55 characters; a later version may append fields after a dash.
    if (value.length() < LENGTH || (value.length() > LENGTH && value.charAt(LENGTH) != '-')) {
      return null;
    }
    int version = hexByte(value, 0);
    if (version < 0 || version == 0xff || (version == 0 && value.length() != LENGTH)) {
      return null;
    }
    if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
      return null;
    }
    if (!allHex(value, 3, 35) || !allHex(value, 36, 52)) {
      return null;
    }
    int flags = hexByte(value, 53);
    if (flags < 0) {
      return null;
    }
    long high = Ids.parseHex(value, 3);
    long low = Ids.parseHex(value, 19);
    long spanId = Ids.parseHex(value, 36);
    if ((high == 0 && low == 0) || spanId == 0) {
      return null;
    }
    return new TraceParent(high, low, spanId, (flags & 1) == 1, validTraceState(traceState));
  }

  /** Formats a version-00 {@code traceparent}. */
  public static String format(long traceIdHigh, long traceIdLow, long spanId, boolean sampled) {
    char[] out = new char[LENGTH];
    out[0] = '0';
    out[1] = '0';
    out[2] = '-';
    Ids.writeHex(traceIdHigh, out, 3);
    Ids.writeHex(traceIdLow, out, 19);
    out[35] = '-';
    Ids.writeHex(spanId, out, 36);
    out[52] = '-';
    out[53] = '0';
    out[54] = sampled ? '1' : '0';
    return new String(out);
  }

  public long traceIdHigh() {
    return traceIdHigh;
  }

  public long traceIdLow() {
    return traceIdLow;
  }

  public long spanId() {
    return spanId;
  }

  public boolean sampled() {
    return sampled;
  }

  /** The caller's {@code tracestate}, passed on unchanged; null when absent or unusable. */
  public String traceState() {
    return traceState;
  }

  /**
   * W3C caps tracestate at 32 members and 512 characters, all printable ASCII: one beyond that, or
   * with anything else in it (control characters, bytes of another encoding), is not passed on.
   */
  private static String validTraceState(String traceState) {
    if (traceState == null || traceState.isEmpty() || traceState.length() > MAX_TRACE_STATE_LENGTH) {
      return null;
    }
    return countMembers(traceState, MAX_TRACE_STATE_MEMBERS) < 0 ? null : traceState;
  }

  /**
   * The comma-separated members of a W3C list header, or -1 when there are more than {@code max}
   * or a character is not printable ASCII (a tab aside, which lists allow around commas).
   */
  public static int countMembers(String header, int max) {
    int members = 1;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c == ',') {
        if (++members > max) {
          return -1;
        }
      } else if ((c < 0x20 && c != '\t') || c > 0x7e) {
        return -1;
      }
    }
    return members;
  }

  private static boolean allHex(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Ids.digit(s.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static int hexByte(String s, int offset) {
    int high = Ids.digit(s.charAt(offset));
    int low = Ids.digit(s.charAt(offset + 1));
    return high < 0 || low < 0 ? -1 : (high << 4) | low;
  }
}
