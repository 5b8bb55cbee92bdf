package dev.sidecar.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

  @Test
  void returnsTheFirstValueThatSatisfiesTheCondition() {
    AtomicInteger calls = new AtomicInteger();
    int value = Poll.until(Duration.ofSeconds(5), calls::incrementAndGet, n -> n >= 3, "three calls");
    assertEquals(3, value);
  }

  @Test
  void failsWithTheDescriptionAndTheLastValueSeen() {
    AssertionError error =
        assertThrows(
            AssertionError.class,
            () -> Poll.until(Duration.ofMillis(100), () -> "still empty", s -> false, "a full box"));
    assertTrue(error.getMessage().contains("a full box"), error.getMessage());
    assertTrue(error.getMessage().contains("last value: still empty"), error.getMessage());
  }

  @Test
  void receiverAwaitReportsWhatArrived() {
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      AssertionError error =
          assertThrows(AssertionError.class, () -> receiver.awaitSpans(1, Duration.ofMillis(60)));
      assertTrue(error.getMessage().contains("at least 1 spans; last value: []"), error.getMessage());
    }
  }
}
