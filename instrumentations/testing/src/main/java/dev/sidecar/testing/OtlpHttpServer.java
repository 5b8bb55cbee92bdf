package dev.sidecar.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server on a plain {@link ServerSocket}. It deliberately avoids
 * {@code com.sun.net.httpserver}: the agent under test instruments that server, and the receiver
 * must not produce spans of its own inside a test JVM that runs the agent.
 */
final class OtlpHttpServer implements AutoCloseable {

  private static final int MAX_CONNECTIONS = 16;
  // Exporters keep pooled connections open; an idle one is dropped so that it cannot pin a thread.
  private static final int IDLE_TIMEOUT_MILLIS = 15_000;

  private final OtlpHttpHandler handler;
  private final ServerSocket serverSocket;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor workers;
  private final Thread acceptor;
  private volatile boolean closed;

  OtlpHttpServer(int port, OtlpHttpHandler handler) throws IOException {
    this.handler = handler;
    this.serverSocket =
        new ServerSocket(port, 50, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    AtomicInteger threadCount = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            0,
            MAX_CONNECTIONS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> daemon(task, "otlp-receiver-http-" + threadCount.incrementAndGet()));
    this.acceptor = daemon(this::acceptLoop, "otlp-receiver-http-accept");
    acceptor.start();
  }

  int port() {
    return serverSocket.getLocalPort();
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(serverSocket);
    connections.forEach(OtlpHttpServer::closeQuietly);
    workers.shutdownNow();
    try {
      acceptor.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        // Thrown when close() closes the server socket; otherwise (e.g. out of file descriptors)
        // back off briefly instead of spinning on a failure that may persist for a while.
        pause();
        continue;
      }
      connections.add(socket);
      try {
        workers.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        // Saturated or closing: dropping the connection makes the client retry or fail visibly.
        connections.remove(socket);
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    try {
      socket.setSoTimeout(IDLE_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      HttpRequestReader reader =
          new HttpRequestReader(new BufferedInputStream(socket.getInputStream()), out);
      boolean keepAlive = true;
      while (keepAlive && !closed) {
        HttpRequest request;
        try {
          request = reader.read();
        } catch (HttpStatusException e) {
          write(out, HttpResponse.error(e.status(), e.getMessage()), false);
          return;
        }
        if (request == null) {
          return;
        }
        keepAlive = request.keepAlive();
        write(out, respond(request), keepAlive);
      }
    } catch (IOException e) {
      // The client went away or stayed idle too long; there is nobody left to answer.
    } finally {
      connections.remove(socket);
      closeQuietly(socket);
    }
  }

  private HttpResponse respond(HttpRequest request) {
    try {
      return handler.handle(request);
    } catch (RuntimeException e) {
      return HttpResponse.error(500, e.toString());
    }
  }

  private static void write(OutputStream out, HttpResponse response, boolean keepAlive)
      throws IOException {
    String head =
        "HTTP/1.1 " + response.status() + " " + response.reason() + "\r\n"
            + "Content-Type: " + response.contentType() + "\r\n"
            + "Content-Length: " + response.body().length + "\r\n"
            + (keepAlive ? "" : "Connection: close\r\n")
            + "\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(response.body());
    out.flush();
  }

  private void pause() {
    if (!closed) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      }
    }
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Closing is best effort: the socket may already be gone.
    }
  }
}
