package dev.sidecar.testing;

import java.io.IOException;
import java.net.BindException;
import java.util.concurrent.TimeUnit;

/**
 * Binds a port just given up again: a server socket closed a moment ago (a collector that was down
 * coming back) may not have let go of its port yet, so the bind is tried again until a deadline.
 */
final class PortRebind {
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long RETRY_MILLIS = 20;

  interface Bind<T> {
    T bind() throws IOException;
  }

  private PortRebind() {}

  static <T> T rebind(int port, Bind<T> bind) throws IOException {
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    while (true) {
      try {
        return bind.bind();
      } catch (IOException e) {
        if (!isBindFailure(e) || System.nanoTime() - deadline > 0) {
          throw e;
        }
      }
      try {
        Thread.sleep(RETRY_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while binding port " + port + " again", e);
      }
    }
  }

  private static boolean isBindFailure(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException) {
        return true;
      }
    }
    return false;
  }
}
