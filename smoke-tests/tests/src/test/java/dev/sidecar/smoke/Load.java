package dev.sidecar.smoke;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Client threads that keep sending {@code GET /greeting?name=load} to an app, each at its own pace,
 * and count what went wrong: an error status, an exception, or no answer within the timeout (a stall).
 */
final class Load implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final URI uri;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong slowestNanos = new AtomicLong();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;

  private Load(URI uri) {
    this.uri = uri;
  }

  /** Starts {@code threads} client threads against {@code app}. */
  static Load start(AppProcess app, int threads) {
    Load load = new Load(app.uri("/greeting?name=load"));
    for (int i = 0; i < threads; i++) {
      Thread thread = new Thread(load::send, "load-" + i);
      thread.setDaemon(true);
      load.threads.add(thread);
      thread.start();
    }
    return load;
  }

  long succeeded() {
    return succeeded.get();
  }

  /** Every failed or stalled request so far, one line each. */
  List<String> failures() {
    return List.copyOf(failures);
  }

  /** The slowest request since the start or the last call. */
  Duration takeSlowest() {
    return Duration.ofNanos(slowestNanos.getAndSet(0));
  }

  @Override
  public void close() {
    stop();
  }

  /** Stops the client threads and waits for their last requests. */
  void stop() {
    running = false;
    for (Thread thread : threads) {
      try {
        thread.join(TIMEOUT.multipliedBy(2).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void send() {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
    while (running) {
      long start = System.nanoTime();
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          succeeded.incrementAndGet();
        } else {
          failures.add("status " + response.statusCode());
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        failures.add(e.toString());
      }
      slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }
}
