package dev.sidecar.bootstrap;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One span as the application thread records it: ids, timestamps and the attribute values it
 * already holds. Mutable until {@link #end}, then handed to the sidecar and never touched again by
 * the application thread. Everything costly (hex ids, stack traces, OpenTelemetry types) is left to
 * the sidecar.
 */
public final class SpanRecord {
  /** Key and value slots for a server span's attributes, route and query included, without growing. */
  private static final int INITIAL_ATTRIBUTE_SLOTS = 28;
  private static final AtomicIntegerFieldUpdater<SpanRecord> ENDING =
      AtomicIntegerFieldUpdater.newUpdater(SpanRecord.class, "ending");
  /** Whether sampled spans keep the thread that started them ({@code otel.javaagent.add-thread-details}). */
  private static volatile boolean threadDetails = true;

  private final String scope;
  private final SpanKind kind;
  private final long traceIdHigh;
  private final long traceIdLow;
  private final long spanId;
  private final long parentSpanId;
  private final boolean parentRemote;
  private final boolean sampled;
  private final String traceState;
  private final String baggage;
  private final long startEpochNanos;
  private final SpanRecord previousCurrent;
  private final Thread thread;
  private String name;
  private String nameRoute;
  private Object[] attributes;
  private int attributeSlots;
  private boolean error;
  private Throwable exception;
  private long endEpochNanos;
  private boolean ended;
  private volatile int ending;

  private SpanRecord(String scope, SpanKind kind, String name, long traceIdHigh, long traceIdLow,
      long parentSpanId, boolean parentRemote, boolean sampled, String traceState, String baggage,
      SpanRecord previousCurrent) {
    this.scope = scope;
    this.kind = kind;
    this.name = name;
    this.traceIdHigh = traceIdHigh;
    this.traceIdLow = traceIdLow;
    this.spanId = Ids.randomNonZero();
    this.parentSpanId = parentSpanId;
    this.parentRemote = parentRemote;
    this.sampled = sampled;
    this.traceState = traceState;
    this.baggage = baggage;
    this.previousCurrent = previousCurrent;
    // An unsampled span's times are never read: it reads no clock, at its start or at its end.
    this.startEpochNanos = sampled ? EpochClock.nowNanos() : 0;
    // The thread itself, not its name and id: those the sidecar reads when it exports the span.
    this.thread = sampled && threadDetails ? Thread.currentThread() : null;
    if (sampled) {
      this.attributes = new Object[INITIAL_ATTRIBUTE_SLOTS];
    }
  }

  /**
   * Starts a span under {@code parent} (the current span, or null), or under {@code remote} when
   * the caller's trace context came over the wire, and makes it the thread's current span.
   * {@link #closeScope} later restores whatever was current before, parent or not.
   */
  public static SpanRecord startCurrent(String scope, SpanKind kind, String name,
      SpanRecord parent, TraceParent remote, String baggage) {
    SpanRecord previous = CurrentSpan.get();
    SpanRecord span;
    if (parent != null) {
      span = new SpanRecord(scope, kind, name, parent.traceIdHigh, parent.traceIdLow, parent.spanId,
          false, Sampler.current().sampleChild(parent.sampled, parent.traceIdLow),
          parent.traceState, baggage != null ? baggage : parent.baggage, previous);
    } else if (remote != null) {
      span = new SpanRecord(scope, kind, name, remote.traceIdHigh(), remote.traceIdLow(),
          remote.spanId(), true, Sampler.current().sampleChild(remote.sampled(), remote.traceIdLow()),
          remote.traceState(), baggage, previous);
    } else {
      long low = Ids.randomNonZero();
      span = new SpanRecord(scope, kind, name, Ids.randomNonZero(), low, 0, false,
          Sampler.current().sampleRoot(low), null, baggage, previous);
    }
    CurrentSpan.set(span);
    return span;
  }

  /** Records an attribute; ignored for a span that is not sampled, whose attributes nobody reads. */
  public SpanRecord attribute(String key, Object value) {
    if (value == null || attributes == null) {
      return this;
    }
    if (attributeSlots == attributes.length) {
      Object[] grown = new Object[attributes.length * 2];
      System.arraycopy(attributes, 0, grown, 0, attributeSlots);
      attributes = grown;
    }
    attributes[attributeSlots++] = key;
    attributes[attributeSlots++] = value;
    return this;
  }

  /** Records {@code value} under {@code key}, in place of a value recorded before. */
  public SpanRecord replaceAttribute(String key, Object value) {
    if (value == null || attributes == null) {
      return this;
    }
    for (int i = 0; i < attributeSlots; i += 2) {
      if (attributes[i].equals(key)) {
        attributes[i + 1] = value;
        return this;
      }
    }
    return attribute(key, value);
  }

  /** Forgets what was recorded under {@code key}, if anything. */
  public void removeAttribute(String key) {
    for (int i = 0; i < attributeSlots; i += 2) {
      if (attributes[i].equals(key)) {
        System.arraycopy(attributes, i + 2, attributes, i, attributeSlots - i - 2);
        attributeSlots -= 2;
        attributes[attributeSlots] = null;
        attributes[attributeSlots + 1] = null;
        return;
      }
    }
  }

  /**
   * Names the span after {@code route}: the name it started with, a space and the route,
   * {@code GET /owners/{ownerId}}. A later route replaces an earlier one. The two parts are kept
   * apart and joined by whoever reads the name, off the application thread.
   */
  public void nameAfterRoute(String route) {
    this.nameRoute = route;
  }

  /** Marks the span as failed; {@code thrown}, when not null, becomes an exception event. */
  public void fail(Throwable thrown) {
    this.error = true;
    if (thrown != null) {
      this.exception = thrown;
    }
  }

  /** Makes the span that was current before this one current again, on this thread. */
  public void closeScope() {
    if (CurrentSpan.get() == this) {
      CurrentSpan.set(previousCurrent);
    }
  }

  /**
   * Claims the right to finish the span: true for exactly one caller. Where two threads may end the
   * same span (an async request completed while its dispatch returns), only the claimant may still
   * record attributes, since after {@link #end} the sidecar reads them.
   */
  public boolean claimEnd() {
    return ENDING.compareAndSet(this, 0, 1);
  }

  public boolean isEnding() {
    return ending != 0;
  }

  /** Ends the span and hands it to the sidecar; a second call does nothing. */
  public void end() {
    if (ended) {
      return;
    }
    ended = true;
    if (sampled) {
      endEpochNanos = EpochClock.nowNanos();
      Handoff.spans().offer(this);
    }
  }

  /** Whether {@link #end} was called. */
  public boolean ended() {
    return ended;
  }

  /** The {@code traceparent} value that makes this span the parent of a downstream call. */
  public String traceparent() {
    return TraceParent.format(traceIdHigh, traceIdLow, spanId, sampled);
  }

  /** Whether spans started from now on keep the thread that started them, for its id and name. */
  public static void threadDetails(boolean enabled) {
    threadDetails = enabled;
  }

  /** The thread that started this span, or null when it is unsampled or thread details are off. */
  public Thread thread() {
    return thread;
  }

  public String scope() {
    return scope;
  }

  public SpanKind kind() {
    return kind;
  }

  /** The span's name: the name it started with, followed by its route when it was named after one. */
  public String name() {
    return nameRoute == null ? name : name + " " + nameRoute;
  }

  /** The name the span started with: all of {@link #name} unless it was named after a route. */
  public String startName() {
    return name;
  }

  /** The route the span was named after, the part of {@link #name} after the space; null if none. */
  public String nameRoute() {
    return nameRoute;
  }

  public long traceIdHigh() {
    return traceIdHigh;
  }

  public long traceIdLow() {
    return traceIdLow;
  }

  public long spanId() {
    return spanId;
  }

  /** Zero for a root span. */
  public long parentSpanId() {
    return parentSpanId;
  }

  public boolean parentRemote() {
    return parentRemote;
  }

  public boolean sampled() {
    return sampled;
  }

  public String traceState() {
    return traceState;
  }

  public String baggage() {
    return baggage;
  }

  /** Zero for a span that is not sampled. */
  public long startEpochNanos() {
    return startEpochNanos;
  }

  /** Zero until the span ends, and for a span that is not sampled. */
  public long endEpochNanos() {
    return endEpochNanos;
  }

  public boolean error() {
    return error;
  }

  public Throwable exception() {
    return exception;
  }

  /** Number of key/value slots used: twice the attribute count. */
  public int attributeSlots() {
    return attributeSlots;
  }

  public String attributeKey(int slot) {
    return (String) attributes[slot];
  }

  public Object attributeValue(int slot) {
    return attributes[slot + 1];
  }

  /** The value recorded for {@code key}, or null; a linear scan, for tests and rare lookups. */
  public Object attribute(String key) {
    for (int i = 0; i < attributeSlots; i += 2) {
      if (attributes[i].equals(key)) {
        return attributes[i + 1];
      }
    }
    return null;
  }
}
