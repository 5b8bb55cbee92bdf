package dev.sidecar.agent.export.otlp;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestArraysTest {
  @Test
  void anArrayGivenBackIsTakenAgainWhenLargeEnough() {
    RequestArrays arrays = new RequestArrays(2);
    byte[] taken = arrays.take(1000);
    assertTrue(taken.length >= 1000);
    arrays.give(taken);
    assertSame(taken, arrays.take(1000));
  }

  @Test
  void anArrayTooSmallIsReplacedByALargerOne() {
    RequestArrays arrays = new RequestArrays(2);
    byte[] small = arrays.take(100);
    arrays.give(small);
    byte[] larger = arrays.take(10_000);
    assertNotSame(small, larger);
    assertTrue(larger.length >= 10_000);
  }

  @Test
  void keepsNoMoreArraysThanItsBound() {
    RequestArrays arrays = new RequestArrays(1);
    byte[] first = arrays.take(10);
    byte[] second = arrays.take(10);
    arrays.give(first);
    arrays.give(second);
    assertSame(first, arrays.take(10));
    assertNotSame(second, arrays.take(10));
  }

  @Test
  void anArrayLargerThanTheBoundIsNotKept() {
    RequestArrays arrays = new RequestArrays(2);
    byte[] large = arrays.take(RequestArrays.MAX_KEPT_BYTES);
    assertTrue(large.length > RequestArrays.MAX_KEPT_BYTES);
    arrays.give(large);
    assertNotSame(large, arrays.take(10));
    byte[] largest = arrays.take(RequestArrays.MAX_KEPT_BYTES * 8 / 9);
    assertTrue(largest.length <= RequestArrays.MAX_KEPT_BYTES);
    arrays.give(largest);
    assertSame(largest, arrays.take(10));
  }
}
