package dev.sidecar.agent;

import java.util.function.Supplier;

/** A value computed on first use and shared after; the export threads both need the resource. */
final class Once<T> implements Supplier<T> {
  private final Supplier<T> compute;
  private T value;

  Once(Supplier<T> compute) {
    this.compute = compute;
  }

  @Override
  public synchronized T get() {
    if (value == null) {
      value = compute.get();
    }
    return value;
  }
}
