package dev.sidecar.smoke;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A W3C trace context the test sends as the caller of an app.
 *
 * @param traceId 32 lower-case hex digits
 * @param spanId 16 lower-case hex digits: the caller's span, which becomes the parent of the app's server span
 */
record TraceParent(String traceId, String spanId) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Random, sampled ids; both contain a hex letter, so that their upper-case form differs from them. */
  static TraceParent random() {
    return new TraceParent(randomHex(16), randomHex(8));
  }

  /** {@code 00-<trace id>-<span id>-01}. */
  String header() {
    return "00-" + traceId + "-" + spanId + "-01";
  }

  /** The same ids in upper-case hex, which W3C trace context forbids: a receiver must ignore it. */
  String upperCaseHeader() {
    return header().toUpperCase(Locale.ROOT);
  }

  private static String randomHex(int bytes) {
    byte[] id = new byte[bytes];
    String hex;
    do {
      RANDOM.nextBytes(id);
      hex = HexFormat.of().formatHex(id);
    } while (hex.chars().noneMatch(c -> c >= 'a' && c <= 'f') || hex.chars().allMatch(c -> c == '0'));
    return hex;
  }
}
