package dev.sidecar.agent.export.otlp;

import java.util.Arrays;

/**
 * Runs of bytes of one array, in order: start and end of each, a run that goes on from the last
 * one made one with it. Where a scope's records lie in a request's array, and the pieces the
 * request is sent as.
 */
final class ByteRuns {
  private int[] bounds;
  private int count;
  private int length;

  ByteRuns(int expected) {
    bounds = new int[2 * Math.max(1, expected)];
  }

  void add(int start, int end) {
    if (end == start) {
      return;
    }
    length += end - start;
    if (count > 0 && bounds[count - 1] == start) {
      bounds[count - 1] = end;
      return;
    }
    if (count == bounds.length) {
      bounds = Arrays.copyOf(bounds, count * 2);
    }
    bounds[count++] = start;
    bounds[count++] = end;
  }

  /** Each of {@code runs}, after these. */
  void addAll(ByteRuns runs) {
    for (int i = 0; i < runs.count; i += 2) {
      add(runs.bounds[i], runs.bounds[i + 1]);
    }
  }

  /** Forgets every byte from {@code at} on. */
  void cutAt(int at) {
    while (count > 0 && bounds[count - 2] >= at) {
      length -= bounds[count - 1] - bounds[count - 2];
      count -= 2;
    }
    if (count > 0 && bounds[count - 1] > at) {
      length -= bounds[count - 1] - at;
      bounds[count - 1] = at;
    }
  }

  /** The bytes in all runs. */
  int length() {
    return length;
  }

  /** Start and end of each run. */
  int[] toArray() {
    return Arrays.copyOf(bounds, count);
  }
}
