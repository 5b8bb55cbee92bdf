package dev.sidecar.agent.export.otlp;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * The arrays an export thread encodes its requests into, taken for a batch and given back once the
 * collector has answered it. A new array per batch cost its zeroing and its share of the young
 * generation's collections, a couple of hundred kilobytes a batch. Keeps as many as can be in
 * flight; taken by the export thread, given back by the sender's.
 */
final class RequestArrays {
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

  /** Gives {@code array} back for a later batch; kept unless enough are kept already. */
  void give(byte[] array) {
    idle.offer(array);
  }
}
