package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmToolsTest {

  @Test
  void heapUsedIsSurvivorsEdenAndOld() {
    String jstat = " S0C    S1C    S0U    S1U      EC       EU        OC         OU       MC     MU    CCSC   CCSU   YGC"
        + "     YGCT    FGC    FGCT     CGC    CGCT     GCT   \n"
        + " 0.0    0.0    0.0    100.5  8192.0   2048.0   16384.0     4000.0   20480.0 19000.1 2048.0 1800.2 5"
        + "     0.020   1      0.030    0      0.000    0.050\n";
    assertEquals(Math.round(100.5 + 2048.0 + 4000.0), JvmTools.heapUsedKb(jstat));
  }

  @Test
  void flatJsonKeepsStringsAndNumbers() {
    Map<String, String> fields = JvmTools.flatJson(
        "{\"pid\":4711,\"spans.dropped\":12,\"spans.last_error\":\"HTTP 503 \\\"Service Unavailable\\\"\",\"x\":\"\"}");
    assertEquals("4711", fields.get("pid"));
    assertEquals("12", fields.get("spans.dropped"));
    assertEquals("HTTP 503 \"Service Unavailable\"", fields.get("spans.last_error"));
    assertEquals("", fields.get("x"));
  }
}
