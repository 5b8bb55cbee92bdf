package dev.sidecar.testing;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;

/**
 * Binds a port just given up again: a server socket closed a moment ago (a collector that was down
 * coming back) may not have let go of its port yet, so the bind is tried again until a deadline.
 */
final class PortRebind {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  interface Bind<T> {
    T bind() throws IOException;
  }

  private PortRebind() {}

  /** The bound server; a failure other than the port still being taken is thrown at once. */
  static <T> T rebind(int port, Bind<T> bind) throws IOException {
    Attempt<T> attempt = Poll.until(TIMEOUT, () -> Attempt.of(bind), done -> !done.portTaken(),
        "port " + port + " to be free to bind again");
    if (attempt.error != null) {
      throw attempt.error;
    }
    return attempt.bound;
  }

  /** One bind: what it bound, or how it failed. */
  private record Attempt<T>(T bound, IOException error) {
    static <T> Attempt<T> of(Bind<T> bind) {
      try {
        return new Attempt<>(bind.bind(), null);
      } catch (IOException e) {
        return new Attempt<>(null, e);
      }
    }

    boolean portTaken() {
      for (Throwable cause = error; cause != null; cause = cause.getCause()) {
        if (cause instanceof BindException) {
          return true;
        }
      }
      return false;
    }
  }
}
