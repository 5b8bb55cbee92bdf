package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class ExportFailuresTest {

  @Test
  void aFailureThatCouldNotReachTheCollectorIsDescribedByItsCause() {
    assertEquals("java.net.ConnectException: Failed to connect to /127.0.0.1:4318",
        ExportFailures.describe(new IllegalStateException(new ConnectException("Failed to connect to /127.0.0.1:4318"))));
  }

  @Test
  void garbageIsCutAndStrippedOfControlCharacters() {
    String described = ExportFailures.describe(new IllegalStateException("\u0000bad\r\nline" + "x".repeat(500)));
    String start = "java.lang.IllegalStateException:  bad  line";
    assertEquals(start + "x".repeat(200 - start.length()) + "...", described);
  }
}
