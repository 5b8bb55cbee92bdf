package dev.sidecar.agent.export.otlp;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The arrays an export thread encodes its requests into, taken for a batch and given back once the
 * collector has answered it. A new array per batch cost its zeroing and its share of the young
 * generation's collections, a couple of hundred kilobytes a batch. Keeps as many as can be in
 * flight, none larger than {@link #MAX_KEPT_BYTES}: a batch of large records gets an array of its
 * own, left to the garbage collector, rather than megabytes kept for good. Taken by the export
 * thread, given back by the sender's.
 */
final class RequestArrays {
  /** Several times a batch of 512 spans of the usual size. */
  static final int MAX_KEPT_BYTES = 1 << 20;

  private final ArrayBlockingQueue<byte[]> idle;

  RequestArrays(int kept) {
    idle = new ArrayBlockingQueue<>(kept);
  }

  /** An array of at least {@code size} bytes, with room for batches a little larger. */
  byte[] take(int size) {
    byte[] array = idle.poll();
    if (array != null && array.length >= size) {
      return array;
    }
    return new byte[size + size / 8];
  }

  /** Gives {@code array} back for a later batch; kept unless enough are kept already, or it is too large. */
  void give(byte[] array) {
    if (array.length <= MAX_KEPT_BYTES) {
      idle.offer(array);
    }
  }
}
