package dev.sidecar.bootstrap.logs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogContextCaptureTest {
  private static final Map<String, String> MDC = new LinkedHashMap<>();

  static {
    MDC.put("order", "o-7");
    MDC.put("user", "ann");
    MDC.put("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
  }

  @AfterEach
  void reset() {
    LogContextCapture.configure(List.of(), List.of());
    LogContextCapture.limit(128);
  }

  @Test
  void thousandsOfEntriesYieldAtMostTheLimit() {
    LogContextCapture.configure(List.of("*"), List.of());
    LogContextCapture.limit(128);
    Map<String, String> huge = new LinkedHashMap<>();
    for (int i = 0; i < 5_000; i++) {
      huge.put("key" + i, "value" + i);
    }
    String[] pairs = LogContextCapture.logback().select(huge);
    org.junit.jupiter.api.Assertions.assertEquals(256, pairs.length);
    org.junit.jupiter.api.Assertions.assertEquals("key0", pairs[0]);
  }

  @Test
  void nothingIsCapturedUnlessConfigured() {
    assertTrue(LogContextCapture.logback().isEmpty());
    assertNull(LogContextCapture.logback().select(MDC));
  }

  @Test
  void namedKeysAreCapturedInTheConfiguredOrder() {
    LogContextCapture.configure(List.of("user", "order", "missing"), List.of());
    assertArrayEquals(new String[] {"user", "ann", "order", "o-7"}, LogContextCapture.logback().select(MDC));
    assertTrue(LogContextCapture.log4j().isEmpty(), "each framework has its own setting");
  }

  @Test
  void aStarCapturesAllButTheAgentsOwnTraceIds() {
    LogContextCapture.configure(List.of(), List.of("*"));
    assertArrayEquals(new String[] {"order", "o-7", "user", "ann"}, LogContextCapture.log4j().select(MDC));
  }

  @Test
  void anEmptyContextGivesNull() {
    LogContextCapture.configure(List.of("*"), List.of());
    assertNull(LogContextCapture.logback().select(Map.of()));
    assertNull(LogContextCapture.logback().select(null));
  }
}
