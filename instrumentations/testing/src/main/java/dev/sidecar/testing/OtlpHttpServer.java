package dev.sidecar.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLServerSocket;
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

  // Black-holed exports hold their connection (and its thread) until the fault is switched off.
  private static final int MAX_CONNECTIONS = 64;
  private static final byte[] GARBAGE =
      "\u0000\u00ffnot http at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
  private static final InetAddress LOOPBACK = loopback();
  // Exporters keep pooled connections open; an idle one is dropped so that it cannot pin a thread.
  private static final int IDLE_TIMEOUT_MILLIS = 15_000;

  private final OtlpHttpHandler handler;
  private final int port;
  private final ServerSocketFactory sockets;
  private final Object faultLock = new Object();
  private final AtomicInteger faulted = new AtomicInteger();
  // Null while DOWN. Guarded by faultLock for writes.
  private volatile ServerSocket serverSocket;
  private volatile CollectorFault fault = CollectorFault.NONE;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor workers;
  private final Thread acceptor;
  private volatile boolean closed;

  OtlpHttpServer(int port, OtlpHttpHandler handler) throws IOException {
    this(port, handler, ServerSocketFactory.getDefault());
  }

  /** With an {@code SSLServerSocketFactory}, an HTTPS server (that also asks for client certificates). */
  OtlpHttpServer(int port, OtlpHttpHandler handler, ServerSocketFactory sockets) throws IOException {
    this.handler = handler;
    this.sockets = sockets;
    this.serverSocket = listen(port);
    this.port = serverSocket.getLocalPort();
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
    return port;
  }

  CollectorFault fault() {
    return fault;
  }

  /** How many requests a fault has answered (or swallowed) instead of the handler. */
  int faulted() {
    return faulted.get();
  }

  /** Switches the fault; DOWN closes the port and every connection, leaving DOWN opens the same port again. */
  void fault(CollectorFault next) throws IOException {
    synchronized (faultLock) {
      CollectorFault previous = fault;
      if (next == CollectorFault.DOWN && previous != CollectorFault.DOWN) {
        fault = next;
        ServerSocket open = serverSocket;
        serverSocket = null;
        closeQuietly(open);
        connections.forEach(OtlpHttpServer::closeQuietly);
      } else if (next != CollectorFault.DOWN && previous == CollectorFault.DOWN) {
        serverSocket = PortRebind.rebind(port, () -> listen(port));
        fault = next;
      } else {
        fault = next;
      }
      // Wakes the black-holed requests, which then drop their connections unanswered.
      faultLock.notifyAll();
    }
  }

  @Override
  public void close() {
    closed = true;
    synchronized (faultLock) {
      faultLock.notifyAll();
    }
    ServerSocket open = serverSocket;
    if (open != null) {
      closeQuietly(open);
    }
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
      ServerSocket listening = serverSocket;
      if (listening == null) {
        pause();
        continue;
      }
      Socket socket;
      try {
        socket = listening.accept();
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
        CollectorFault current = fault;
        if (current != CollectorFault.NONE && current != CollectorFault.SLOW) {
          faulted.incrementAndGet();
          playFault(current, out);
          return;
        }
        if (current == CollectorFault.SLOW) {
          faulted.incrementAndGet();
          waitWhile(CollectorFault.SLOW, CollectorFault.SLOW_ANSWER_MILLIS);
        }
        write(out, respond(request), keepAlive);
      }
    } catch (IOException e) {
      // The client went away or stayed idle too long; there is nobody left to answer.
    } finally {
      connections.remove(socket);
      closeQuietly(socket);
    }
  }

  /** Answers the way {@code current} asks; the connection is closed afterwards. */
  private void playFault(CollectorFault current, OutputStream out) throws IOException {
    switch (current) {
      case BLACK_HOLE:
        waitWhile(CollectorFault.BLACK_HOLE, Long.MAX_VALUE);
        return;
      case TOO_MANY_REQUESTS:
        write(out, HttpResponse.retryLater(429, CollectorFault.RETRY_AFTER_SECONDS), false);
        return;
      case UNAVAILABLE:
        write(out, HttpResponse.retryLater(503, CollectorFault.RETRY_AFTER_SECONDS), false);
        return;
      case GARBAGE:
        out.write(GARBAGE);
        out.flush();
        return;
      default:
        // DOWN: the connection was accepted just before the port closed; dropping it is what DOWN means.
    }
  }

  /** Waits while the fault stays {@code kept}, at most {@code millis}, or until the server closes. */
  private void waitWhile(CollectorFault kept, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(millis, 1L << 40));
    synchronized (faultLock) {
      long remaining;
      while (fault == kept && !closed && (remaining = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(faultLock, remaining);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
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
            + (response.retryAfterSeconds() >= 0 ? "Retry-After: " + response.retryAfterSeconds() + "\r\n" : "")
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

  private ServerSocket listen(int port) throws IOException {
    ServerSocket socket = sockets.createServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(LOOPBACK, port), 50);
    if (socket instanceof SSLServerSocket) {
      ((SSLServerSocket) socket).setNeedClientAuth(true);
    }
    return socket;
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
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
