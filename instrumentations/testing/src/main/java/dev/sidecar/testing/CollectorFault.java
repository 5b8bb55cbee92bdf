package dev.sidecar.testing;

/**
 * How the receiver misbehaves, to show what an exporter (and the application around it) does when
 * the collector is away. Switched at run time with {@link OtlpReceiver#fault(CollectorFault)}; the
 * OTLP/HTTP endpoint plays every fault, the OTLP/gRPC endpoint the ones that have a gRPC form.
 */
public enum CollectorFault {
  /** Answers every export at once and records it. */
  NONE,
  /** The port is closed: connections are refused. Back to {@link #NONE}, it listens on the same port again. */
  DOWN,
  /** Accepts connections and reads requests, but never answers them (until the fault is switched off). */
  BLACK_HOLE,
  /** Answers, and records, each export only after {@link #SLOW_ANSWER_MILLIS}. */
  SLOW,
  /** HTTP 429 with {@code Retry-After: 1} (gRPC RESOURCE_EXHAUSTED); nothing is recorded. */
  TOO_MANY_REQUESTS,
  /** HTTP 503 with {@code Retry-After: 1} (gRPC UNAVAILABLE); nothing is recorded. */
  UNAVAILABLE,
  /** Answers with bytes that are not HTTP at all, then closes the connection. */
  GARBAGE;

  /** How long {@link #SLOW} takes to answer. */
  public static final long SLOW_ANSWER_MILLIS = 5_000;
  /** The {@code Retry-After} value, in seconds, sent with 429 and 503. */
  public static final int RETRY_AFTER_SECONDS = 1;
}
