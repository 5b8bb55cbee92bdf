package dev.sidecar.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class TraceParentTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN_ID = "00f067aa0ba902b7";
  private static final String VALID = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";

  @Test
  void parsesSampledVersion00() {
    TraceParent parsed = TraceParent.parse(VALID, "congo=t61rcWkgMzE");
    assertNotNull(parsed);
    assertEquals(0x4bf92f3577b34da6L, parsed.traceIdHigh());
    assertEquals(0xa3ce929d0e0e4736L, parsed.traceIdLow());
    assertEquals(0x00f067aa0ba902b7L, parsed.spanId());
    assertTrue(parsed.sampled());
    assertEquals("congo=t61rcWkgMzE", parsed.traceState());
  }

  @Test
  void parsesUnsampledFlags() {
    TraceParent parsed = TraceParent.parse("00-" + TRACE_ID + "-" + SPAN_ID + "-00", null);
    assertNotNull(parsed);
    assertFalse(parsed.sampled());
    assertNull(parsed.traceState());
  }

  @Test
  void sampledIsTheLowestFlagBitOnly() {
    assertTrue(TraceParent.parse("00-" + TRACE_ID + "-" + SPAN_ID + "-03", null).sampled());
    assertFalse(TraceParent.parse("00-" + TRACE_ID + "-" + SPAN_ID + "-02", null).sampled());
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    TraceParent parsed = TraceParent.parse("  " + VALID + " ", null);
    assertNotNull(parsed);
    assertEquals(0x00f067aa0ba902b7L, parsed.spanId());
  }

  @Test
  void traceStateUpTo512IsKeptLongerOrEmptyIsDropped() {
    String max = "a=" + "b".repeat(510);
    assertEquals(512, max.length());
    assertEquals(max, TraceParent.parse(VALID, max).traceState());
    TraceParent tooLong = TraceParent.parse(VALID, max + "c");
    assertNotNull(tooLong, "an oversized tracestate drops only the tracestate");
    assertNull(tooLong.traceState());
    assertNull(TraceParent.parse(VALID, "").traceState());
  }

  @Test
  void rejectsNull() {
    assertNull(TraceParent.parse(null, "a=b"));
  }

  @Test
  void rejectsWrongLength() {
    assertNull(TraceParent.parse(VALID.substring(0, 54), null));
    assertNull(TraceParent.parse(VALID + "0", null));
    assertNull(TraceParent.parse("", null));
    assertNull(TraceParent.parse("00-" + TRACE_ID.substring(1) + "-" + SPAN_ID + "-01", null));
  }

  @Test
  void rejectsUpperCaseHex() {
    assertNull(TraceParent.parse("00-" + TRACE_ID.toUpperCase() + "-" + SPAN_ID + "-01", null));
    assertNull(TraceParent.parse("00-" + TRACE_ID + "-" + "00F067AA0BA902B7" + "-01", null));
    assertNull(TraceParent.parse("00-" + TRACE_ID + "-" + SPAN_ID + "-0A", null));
    assertNull(TraceParent.parse("0A-" + TRACE_ID + "-" + SPAN_ID + "-01", null));
  }

  @Test
  void rejectsNonHexCharacters() {
    assertNull(TraceParent.parse("00-" + TRACE_ID.replace('4', 'g') + "-" + SPAN_ID + "-01", null));
    assertNull(TraceParent.parse("00-" + TRACE_ID + "-" + SPAN_ID.replace('f', 'z') + "-01", null));
    assertNull(TraceParent.parse("00-" + TRACE_ID + "-" + SPAN_ID + "-0x", null));
  }

  @Test
  void rejectsAllZeroIds() {
    assertNull(TraceParent.parse("00-" + "0".repeat(32) + "-" + SPAN_ID + "-01", null));
    assertNull(TraceParent.parse("00-" + TRACE_ID + "-" + "0".repeat(16) + "-01", null));
    // Only the whole id must be non-zero: either half alone may be zero.
    assertNotNull(TraceParent.parse("00-" + "0".repeat(16) + "0000000000000001-" + SPAN_ID + "-01", null));
    assertNotNull(TraceParent.parse("00-" + "0000000000000001" + "0".repeat(16) + "-" + SPAN_ID + "-01", null));
  }

  @Test
  void rejectsVersionFf() {
    assertNull(TraceParent.parse("ff-" + TRACE_ID + "-" + SPAN_ID + "-01", null));
  }

  @Test
  void rejectsVersion00WithTrailingFields() {
    assertNull(TraceParent.parse(VALID + "-extra", null));
    assertNull(TraceParent.parse(VALID + "-", null));
  }

  @Test
  void rejectsMisplacedDashes() {
    assertNull(TraceParent.parse("00_" + TRACE_ID + "-" + SPAN_ID + "-01", null));
    assertNull(TraceParent.parse("00-" + TRACE_ID + "_" + SPAN_ID + "-01", null));
    assertNull(TraceParent.parse("00-" + TRACE_ID + "-" + SPAN_ID + "_01", null));
    // Same length, dashes shifted by one.
    assertNull(TraceParent.parse("000" + TRACE_ID + "--" + SPAN_ID.substring(1) + "-01", null));
  }

  @Test
  void acceptsFutureVersionWithTrailingFields() {
    TraceParent parsed = TraceParent.parse("01-" + TRACE_ID + "-" + SPAN_ID + "-01-extra", "k=v");
    assertNotNull(parsed);
    assertEquals(0x4bf92f3577b34da6L, parsed.traceIdHigh());
    assertEquals(0xa3ce929d0e0e4736L, parsed.traceIdLow());
    assertEquals(0x00f067aa0ba902b7L, parsed.spanId());
    assertTrue(parsed.sampled());
    assertEquals("k=v", parsed.traceState());
    assertNotNull(TraceParent.parse("cc-" + TRACE_ID + "-" + SPAN_ID + "-00", null));
  }

  @Test
  void futureVersionTrailingDataMustStartWithDash() {
    assertNull(TraceParent.parse("01-" + TRACE_ID + "-" + SPAN_ID + "-01extra", null));
  }

  @Test
  void formatProducesTheCanonicalHeader() {
    assertEquals(VALID, TraceParent.format(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L, true));
    assertEquals("00-" + TRACE_ID + "-" + SPAN_ID + "-00",
        TraceParent.format(0x4bf92f3577b34da6L, 0xa3ce929d0e0e4736L, 0x00f067aa0ba902b7L, false));
  }

  @Test
  void formatRoundTripsWithParse() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 1000; i++) {
      long high = random.nextLong();
      long low = random.nextLong();
      long span = Ids.randomNonZero();
      boolean sampled = random.nextBoolean();
      String header = TraceParent.format(high, low, span, sampled);
      TraceParent parsed = TraceParent.parse(header, null);
      assertNotNull(parsed, header);
      assertEquals(high, parsed.traceIdHigh(), header);
      assertEquals(low, parsed.traceIdLow(), header);
      assertEquals(span, parsed.spanId(), header);
      assertEquals(sampled, parsed.sampled(), header);
      assertEquals(header, TraceParent.format(parsed.traceIdHigh(), parsed.traceIdLow(),
          parsed.spanId(), parsed.sampled()));
    }
    String extremes = TraceParent.format(-1L, Long.MIN_VALUE, Long.MAX_VALUE, true);
    assertEquals("00-ffffffffffffffff8000000000000000-7fffffffffffffff-01", extremes);
    assertEquals(Long.MIN_VALUE, TraceParent.parse(extremes, null).traceIdLow());
  }

  @Test
  void aTraceStateBeyondW3cLimitsOrWithNonAsciiIsNotPassedOn() {
    StringBuilder members = new StringBuilder("a0=1");
    for (int i = 1; i < 32; i++) {
      members.append(",a").append(i).append("=1");
    }
    assertEquals(members.toString(), TraceParent.parse(VALID, members.toString()).traceState());
    assertNull(TraceParent.parse(VALID, members + ",a32=1").traceState(), "33 members");
    assertNull(TraceParent.parse(VALID, "k=" + "v".repeat(511)).traceState(), "513 characters");
    assertNull(TraceParent.parse(VALID, "k=v\r\nX-Injected: 1").traceState(), "a line break");
    assertNull(TraceParent.parse(VALID, "k=\u00e9\ufffd").traceState(), "non-ASCII, as invalid UTF-8 decodes");
    assertEquals("k=v,\tl=w", TraceParent.parse(VALID, "k=v,\tl=w").traceState());
  }

  @Test
  void malformedTraceParentsStartNoTraceAndNeverThrow() {
    for (String bad : new String[] {"", "00", "zz-" + TRACE_ID + "-" + SPAN_ID + "-01", "00-" + TRACE_ID + "-" + SPAN_ID,
        "00-" + TRACE_ID + "-" + SPAN_ID + "-01" + "x".repeat(100_000), "\u0000".repeat(55), "\ud800".repeat(60),
        "ff-" + TRACE_ID + "-" + SPAN_ID + "-01", "00-" + "0".repeat(32) + "-" + SPAN_ID + "-01"}) {
      assertNull(TraceParent.parse(bad, "k=v"), bad.length() > 80 ? bad.substring(0, 80) : bad);
    }
  }
}
