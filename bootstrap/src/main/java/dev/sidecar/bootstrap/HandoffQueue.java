package dev.sidecar.bootstrap;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded queue from many application threads to one sidecar thread. {@link #offer} never
 * blocks and takes no lock: a full queue drops the item and counts the drop. The consumer is woken
 * only when the queue reaches a batch's worth, so a busy application pays no wake-up per item.
 */
public final class HandoffQueue<T> {
  private final AtomicReferenceArray<T> slots;
  private final int capacity;
  private final int mask;
  private final int wakeAt;
  private final AtomicLong producerIndex = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile long consumerIndex;
  private volatile Thread consumer;

  /**
   * Holds at most {@code capacity} items (1 to 2^30); the slots array is the next power of two, so
   * an index maps to its slot with a mask. {@code wakeAt} is the batch size.
   */
  public HandoffQueue(int capacity, int wakeAt) {
    this.capacity = Math.max(1, Math.min(capacity, 1 << 30));
    int size = this.capacity <= 2 ? 2 : Integer.highestOneBit(this.capacity - 1) << 1;
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
    this.wakeAt = Math.max(1, Math.min(wakeAt, this.capacity));
  }

  /** Adds {@code item}, or drops it when the queue is full. Never blocks. */
  public boolean offer(T item) {
    long index;
    do {
      index = producerIndex.get();
      if (index - consumerIndex >= capacity) {
        dropped.incrementAndGet();
        return false;
      }
    } while (!producerIndex.compareAndSet(index, index + 1));
    slots.lazySet((int) index & mask, item);
    if (index + 1 - consumerIndex == wakeAt) {
      Thread waiting = consumer;
      if (waiting != null) {
        LockSupport.unpark(waiting);
      }
    }
    return true;
  }

  /** Moves up to {@code max} items into {@code sink}; only the one consumer thread may call this. */
  public int drainTo(List<? super T> sink, int max) {
    long index = consumerIndex;
    int moved = 0;
    while (moved < max) {
      int slot = (int) index & mask;
      T item = slots.get(slot);
      if (item == null) {
        // Empty, or a producer claimed this slot and has not published it yet: take it next time.
        break;
      }
      slots.lazySet(slot, null);
      sink.add(item);
      index++;
      moved++;
    }
    consumerIndex = index;
    return moved;
  }

  /** Parks the consumer thread until a batch is ready or {@code nanos} pass. */
  public void awaitBatch(long nanos) {
    consumer = Thread.currentThread();
    if (size() < wakeAt) {
      LockSupport.parkNanos(this, nanos);
    }
  }

  public int size() {
    return (int) Math.max(0, producerIndex.get() - consumerIndex);
  }

  public int capacity() {
    return capacity;
  }

  /** Items taken in since the queue was made, whether drained yet or not; drops not included. */
  public long accepted() {
    return producerIndex.get();
  }

  public long dropped() {
    return dropped.get();
  }
}
