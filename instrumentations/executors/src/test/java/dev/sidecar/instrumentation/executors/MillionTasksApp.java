package dev.sidecar.instrumentation.executors;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run by {@link BoundedHeapTest} in a JVM of its own with a small heap and the agent: requests
 * that each push many tasks through one long-lived pool, then prints how many tasks ran in their
 * request's span, the hand-overs still remembered, and the heap in use before and after.
 */
public final class MillionTasksApp {
  private static final int BATCH = 1000;
  private static final AtomicLong TASKS_IN_SPAN = new AtomicLong();

  private MillionTasksApp() {}

  public static void main(String[] args) throws Throwable {
    MethodHandle currentSpan = bootstrapMethod("dev.sidecar.bootstrap.CurrentSpan", "get",
        Class.forName("dev.sidecar.bootstrap.SpanRecord"));
    MethodHandle pending = bootstrapMethod("dev.sidecar.bootstrap.context.TaskContexts", "pending", int.class);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      int tasks = Integer.parseInt(exchange.getRequestURI().getPath().substring(1));
      try {
        for (int done = 0; done < tasks; done += BATCH) {
          CountDownLatch batch = new CountDownLatch(BATCH);
          for (int i = 0; i < BATCH; i++) {
            pool.execute(() -> {
              try {
                if (currentSpan.invoke() != null) {
                  TASKS_IN_SPAN.incrementAndGet();
                }
              } catch (Throwable t) {
                throw new IllegalStateException(t);
              } finally {
                batch.countDown();
              }
            });
          }
          batch.await(30, TimeUnit.SECONDS);
        }
        exchange.sendResponseHeaders(204, -1);
      } catch (InterruptedException e) {
        exchange.sendResponseHeaders(500, -1);
      }
      exchange.close();
    });
    server.start();
    int port = server.getAddress().getPort();

    request(port, 100_000);
    long before = heapInUseAfterGc();
    request(port, 1_000_000);
    long after = heapInUseAfterGc();
    System.out.println("tasks-in-span=" + TASKS_IN_SPAN.get() + " pending=" + (int) pending.invoke()
        + " heap-before=" + before + " heap-after=" + after);
    server.stop(0);
    pool.shutdown();
  }

  private static void request(int port, int tasks) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/" + tasks).openConnection();
    connection.setReadTimeout(120_000);
    try (InputStream body = connection.getInputStream()) {
      body.readAllBytes();
    }
    if (connection.getResponseCode() != 204) {
      throw new IllegalStateException("request for " + tasks + " tasks answered " + connection.getResponseCode());
    }
  }

  private static long heapInUseAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  // The bootstrap classes are on the boot class path only, where the agent put them.
  private static MethodHandle bootstrapMethod(String className, String name, Class<?> returnType)
      throws ReflectiveOperationException {
    return MethodHandles.publicLookup().findStatic(Class.forName(className), name, MethodType.methodType(returnType));
  }
}
