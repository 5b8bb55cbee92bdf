package dev.sidecar.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class HandoffQueueTest {

  @Test
  void capacityIsExactlyWhatWasAskedFor() {
    assertEquals(3, new HandoffQueue<>(3, 1).capacity());
    assertEquals(1000, new HandoffQueue<>(1000, 1).capacity());
    assertEquals(1, new HandoffQueue<>(0, 1).capacity());
    assertEquals(1 << 30, new HandoffQueue<>(Integer.MAX_VALUE, 1).capacity());
  }

  @Test
  void aQueueOfFiveHoldsFiveThoughItsSlotsAreEight() {
    HandoffQueue<Integer> queue = new HandoffQueue<>(5, 5);
    for (int i = 0; i < 5; i++) {
      assertTrue(queue.offer(i));
    }
    assertFalse(queue.offer(5));
    assertEquals(1, queue.dropped());
    List<Integer> drained = new ArrayList<>();
    queue.drainTo(drained, 10);
    assertEquals(List.of(0, 1, 2, 3, 4), drained);
  }

  @Test
  void offerPastCapacityDropsAndCounts() {
    HandoffQueue<Integer> queue = new HandoffQueue<>(8, 8);
    for (int i = 0; i < 8; i++) {
      assertTrue(queue.offer(i), "offer " + i);
    }
    assertEquals(8, queue.size());
    assertFalse(queue.offer(8));
    assertFalse(queue.offer(9));
    assertFalse(queue.offer(10));
    assertEquals(3, queue.dropped());
    assertEquals(8, queue.size());

    List<Integer> drained = new ArrayList<>();
    assertEquals(8, queue.drainTo(drained, 100));
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), drained, "dropped items never appear");
  }

  @Test
  void drainRespectsMaxAndFifoOrder() {
    HandoffQueue<String> queue = new HandoffQueue<>(16, 16);
    for (int i = 0; i < 10; i++) {
      queue.offer("item" + i);
    }
    List<String> sink = new ArrayList<>();
    assertEquals(3, queue.drainTo(sink, 3));
    assertEquals(List.of("item0", "item1", "item2"), sink);
    assertEquals(7, queue.size());
    assertEquals(0, queue.drainTo(sink, 0));
    assertEquals(7, queue.drainTo(sink, 100));
    assertEquals(10, sink.size());
    for (int i = 0; i < 10; i++) {
      assertEquals("item" + i, sink.get(i));
    }
    assertEquals(0, queue.size());
    assertEquals(0, queue.drainTo(sink, 100), "empty queue drains nothing");
  }

  @Test
  void offersSucceedAgainAfterDrainAcrossManyWraps() {
    HandoffQueue<Integer> queue = new HandoffQueue<>(4, 4);
    List<Integer> sink = new ArrayList<>();
    int next = 0;
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < 4; i++) {
        assertTrue(queue.offer(next++));
      }
      assertFalse(queue.offer(-1));
      sink.clear();
      assertEquals(4, queue.drainTo(sink, 10));
      assertEquals(List.of(next - 4, next - 3, next - 2, next - 1), sink);
    }
    assertEquals(50, queue.dropped());
  }

  @Test
  void concurrentProducersLoseNothingAndDuplicateNothing() throws Exception {
    final int producers = 4;
    final int perProducer = 100_000;
    HandoffQueue<Integer> queue = new HandoffQueue<>(1024, 256);
    BitSet[] accepted = new BitSet[producers];
    AtomicLong acceptedCount = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(producers);
    for (int p = 0; p < producers; p++) {
      final int id = p;
      accepted[p] = new BitSet(perProducer);
      Thread t = new Thread(() -> {
        try {
          start.await();
          for (int seq = 0; seq < perProducer; seq++) {
            if (queue.offer(id * perProducer + seq)) {
              accepted[id].set(seq);
              acceptedCount.incrementAndGet();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          done.countDown();
        }
      }, "producer-" + p);
      t.setDaemon(true);
      t.start();
    }

    // This thread is the single consumer.
    int[] lastSeq = new int[producers];
    java.util.Arrays.fill(lastSeq, -1);
    BitSet[] drained = new BitSet[producers];
    for (int p = 0; p < producers; p++) {
      drained[p] = new BitSet(perProducer);
    }
    List<Integer> batch = new ArrayList<>();
    long drainedCount = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    start.countDown();
    while (done.getCount() > 0 || queue.size() > 0) {
      if (System.nanoTime() > deadline) {
        fail("consumer did not finish; size=" + queue.size());
      }
      batch.clear();
      queue.drainTo(batch, 100);
      for (Integer item : batch) {
        int producer = item / perProducer;
        int seq = item % perProducer;
        assertTrue(seq > lastSeq[producer], "per-producer order violated for " + item);
        lastSeq[producer] = seq;
        assertFalse(drained[producer].get(seq), "drained twice: " + item);
        drained[producer].set(seq);
        drainedCount++;
      }
    }
    assertTrue(done.await(10, TimeUnit.SECONDS));

    assertEquals(acceptedCount.get(), drainedCount);
    assertEquals((long) producers * perProducer, acceptedCount.get() + queue.dropped());
    for (int p = 0; p < producers; p++) {
      assertEquals(accepted[p], drained[p], "producer " + p + ": drained set differs from accepted set");
    }
    assertEquals(0, queue.size());
  }

  @Test
  void awaitBatchReturnsAtOnceWhenBatchIsAlreadyThere() {
    HandoffQueue<Integer> queue = new HandoffQueue<>(64, 4);
    for (int i = 0; i < 4; i++) {
      queue.offer(i);
    }
    long began = System.nanoTime();
    queue.awaitBatch(TimeUnit.SECONDS.toNanos(10));
    assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(5));
  }

  @Test
  void awaitBatchWakesWhenProducersReachTheBatchSize() throws Exception {
    HandoffQueue<Integer> queue = new HandoffQueue<>(64, 8);
    CountDownLatch returned = new CountDownLatch(1);
    AtomicLong parkedNanos = new AtomicLong(-1);
    Thread consumer = new Thread(() -> {
      long began = System.nanoTime();
      queue.awaitBatch(TimeUnit.SECONDS.toNanos(10));
      parkedNanos.set(System.nanoTime() - began);
      returned.countDown();
    }, "consumer");
    consumer.setDaemon(true);
    consumer.start();

    // Wait (without sleeping) until the consumer is parked inside awaitBatch.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (LockSupport.getBlocker(consumer) != queue) {
      assertTrue(System.nanoTime() < deadline, "consumer never parked");
      Thread.yield();
    }
    assertSame(queue, LockSupport.getBlocker(consumer));

    for (int i = 0; i < 8; i++) {
      queue.offer(i);
    }
    assertTrue(returned.await(5, TimeUnit.SECONDS), "awaitBatch was not woken by the batch");
    assertTrue(parkedNanos.get() < TimeUnit.SECONDS.toNanos(5), "woke after " + parkedNanos.get() + " ns");
    consumer.join(5_000);
  }
}
