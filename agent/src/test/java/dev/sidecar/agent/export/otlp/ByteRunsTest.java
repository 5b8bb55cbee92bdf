package dev.sidecar.agent.export.otlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ByteRunsTest {
  @Test
  void aRunThatGoesOnFromTheLastIsMadeOneWithIt() {
    ByteRuns runs = new ByteRuns(1);
    runs.add(0, 10);
    runs.add(10, 25);
    runs.add(30, 40);
    runs.add(40, 40);
    runs.add(50, 60);
    assertArrayEquals(new int[] {0, 25, 30, 40, 50, 60}, runs.toArray());
    assertEquals(45, runs.length());
  }

  @Test
  void runsAreAddedAfterOthersInTheirOrder() {
    ByteRuns pieces = new ByteRuns(1);
    pieces.add(100, 110);
    ByteRuns records = new ByteRuns(1);
    records.add(0, 50);
    records.add(60, 70);
    pieces.addAll(records);
    pieces.add(70, 75);
    assertArrayEquals(new int[] {100, 110, 0, 50, 60, 75}, pieces.toArray());
    assertEquals(75, pieces.length());
  }

  @Test
  void cuttingForgetsEveryByteFromThePointOn() {
    ByteRuns runs = new ByteRuns(1);
    runs.add(0, 10);
    runs.add(20, 30);
    runs.add(40, 50);
    runs.cutAt(45);
    assertArrayEquals(new int[] {0, 10, 20, 30, 40, 45}, runs.toArray());
    assertEquals(25, runs.length());
    runs.cutAt(20);
    assertArrayEquals(new int[] {0, 10}, runs.toArray());
    assertEquals(10, runs.length());
    runs.cutAt(10);
    assertArrayEquals(new int[] {0, 10}, runs.toArray());
    runs.cutAt(0);
    assertArrayEquals(new int[0], runs.toArray());
    assertEquals(0, runs.length());
  }
}
