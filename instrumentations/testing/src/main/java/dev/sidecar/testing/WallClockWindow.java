package dev.sidecar.testing;

import java.time.Instant;

/**
 * The system clock read just before and just after a call, to check the times a record of that call
 * carries: its own time exactly, the agent's observed time within a second.
 */
public final class WallClockWindow {

  /**
   * The agent's clock follows the system clock by re-anchoring now and then and runs on
   * {@code System.nanoTime()} in between, so a step of the system clock shows in its readings until the
   * next anchor. Comparing it with the system clock exactly would fail on every such step.
   */
  private static final long AGENT_CLOCK_SLACK_NANOS = 1_000_000_000L;

  private final long openedNanos;
  private final long closedNanos;

  private WallClockWindow(long openedNanos, long closedNanos) {
    this.openedNanos = openedNanos;
    this.closedNanos = closedNanos;
  }

  /** Runs {@code call} between two readings of the system clock. */
  public static WallClockWindow around(Runnable call) {
    long opened = nowNanos();
    call.run();
    return new WallClockWindow(opened, nowNanos());
  }

  /**
   * Asserts that {@code epochNanos}, a time the logging library read from the system clock during the
   * call, lies in the window. Its start is taken down to the millisecond, for libraries that keep only
   * milliseconds.
   */
  public void assertDuring(String what, long epochNanos) {
    long from = openedNanos - openedNanos % 1_000_000L;
    if (epochNanos < from || epochNanos > closedNanos) {
      throw new AssertionError(what + " " + epochNanos + " is outside the call's window [" + from + ", "
          + closedNanos + "]");
    }
  }

  /** Asserts that {@code epochNanos}, a time the agent's clock gave during the call, is within a second of the window. */
  public void assertAgentTimeDuring(String what, long epochNanos) {
    long from = openedNanos - AGENT_CLOCK_SLACK_NANOS;
    long to = closedNanos + AGENT_CLOCK_SLACK_NANOS;
    if (epochNanos < from || epochNanos > to) {
      throw new AssertionError(what + " " + epochNanos + " is more than a second outside the call's window ["
          + openedNanos + ", " + closedNanos + "]");
    }
  }

  private static long nowNanos() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
