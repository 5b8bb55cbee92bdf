package dev.sidecar.bootstrap;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values attached to library objects that advice cannot add a field to: keys are compared by
 * identity and held weakly, so an entry never keeps its object alive and goes once the object is
 * collected. Bounded: past {@code capacity} live entries, {@link #putIfRoom} refuses, and the
 * caller goes without (a span not made) rather than the map growing. Lock-free for readers.
 */
public final class WeakIdentityMap<V> {
  private final ConcurrentHashMap<Object, V> entries = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
  private final int capacity;

  public WeakIdentityMap(int capacity) {
    this.capacity = capacity;
  }

  public V get(Object key) {
    return entries.get(new Probe(key));
  }

  /** Maps {@code key} to {@code value}; false, and nothing stored, when the map is full. */
  public boolean putIfRoom(Object key, V value) {
    forgetCollected();
    if (entries.size() >= capacity) {
      return false;
    }
    entries.put(new WeakKey(key, collected), value);
    return true;
  }

  /**
   * Maps {@code key} to {@code value} unless it is mapped already; false, and nothing stored, when
   * it was or when the map is full.
   */
  public boolean putIfAbsentIfRoom(Object key, V value) {
    forgetCollected();
    if (entries.size() >= capacity) {
      return false;
    }
    return entries.putIfAbsent(new WeakKey(key, collected), value) == null;
  }

  public V remove(Object key) {
    forgetCollected();
    return entries.remove(new Probe(key));
  }

  /** Whether no entry is held, without forgetting collected ones first: cheap, for fast paths. */
  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Live entries, after forgetting those whose keys were collected. */
  public int size() {
    forgetCollected();
    return entries.size();
  }

  private void forgetCollected() {
    for (Reference<?> cleared; (cleared = collected.poll()) != null; ) {
      entries.remove(cleared);
    }
  }

  // The map's own key. A cleared key still equals itself, which is how forgetCollected finds it.
  private static final class WeakKey extends WeakReference<Object> {
    private final int hash;

    WeakKey(Object referent, ReferenceQueue<Object> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (other == this) {
        return true;
      }
      Object referent = get();
      return referent != null && other instanceof WeakKey && ((WeakKey) other).get() == referent;
    }
  }

  // A look-up key: a plain object, no Reference for the collector to track.
  private static final class Probe {
    private final Object key;

    Probe(Object key) {
      this.key = key;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(key);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof WeakKey && ((WeakKey) other).get() == key;
    }
  }
}
