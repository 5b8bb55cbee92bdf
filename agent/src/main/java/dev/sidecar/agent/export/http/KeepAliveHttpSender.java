package dev.sidecar.agent.export.http;

import dev.sidecar.bootstrap.SidecarThread;
import io.opentelemetry.exporter.internal.RetryUtil;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.Compressor;
import io.opentelemetry.sdk.common.export.HttpResponse;
import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import io.opentelemetry.sdk.common.export.MessageWriter;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends OTLP/HTTP requests for the OpenTelemetry SDK's exporter over plain HTTP/1.1 connections
 * kept open between exports, each request on one of a few threads of its own. The SDK's settings
 * keep their meaning: endpoint, headers (asked for at every request), compression, TLS, timeout
 * (the whole call, retries included), connect timeout and retry policy. What it saves against the
 * OkHttp sender is the work around each request: no interceptor chain, no dispatcher hand-over,
 * and no OkHttp or Kotlin classes to load and compile.
 */
final class KeepAliveHttpSender implements HttpSender {
  /** More than the export loop ever has in flight, so that a request never waits for a thread. */
  private static final int THREADS = 4;
  /** Idle longer than this, a connection is closed rather than reused: collectors drop idle ones. */
  private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final Set<Integer> RETRYABLE_STATUS = RetryUtil.retryableHttpResponseCodes();
  private static final AtomicInteger SENDERS = new AtomicInteger();

  private final String host;
  private final int port;
  private final byte[] headStart;
  private final Supplier<Map<String, List<String>>> headers;
  private final Compressor compressor;
  private final long timeoutNanos;
  private final int connectMillis;
  private final RetryPolicy retryPolicy;
  private final Predicate<IOException> retryableException;
  private final SSLSocketFactory tls;
  private final String[] protocols;
  private final long maxResponseBytes;
  private final ExecutorService executor;
  private final boolean ownExecutor;
  private final Deque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean shutdown;

  KeepAliveHttpSender(HttpSenderConfig config) throws NoSuchAlgorithmException {
    URI endpoint = config.getEndpoint();
    boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
    this.host = endpoint.getHost() != null ? endpoint.getHost() : endpoint.getAuthority();
    this.port = endpoint.getPort() >= 0 ? endpoint.getPort() : https ? 443 : 80;
    this.compressor = config.getCompressor();
    this.headStart = headStart(endpoint, host, config.getContentType(), compressor);
    this.headers = config.getHeadersSupplier();
    // No timeout is a deadline far enough away never to come, and never to overflow when added to now.
    this.timeoutNanos = Math.min(positiveOr(config.getTimeout().toNanos(), Long.MAX_VALUE), Long.MAX_VALUE / 4);
    this.connectMillis = (int) Math.min(Integer.MAX_VALUE, positiveOr(config.getConnectTimeout().toMillis(), 0));
    this.retryPolicy = config.getRetryPolicy();
    this.retryableException = retryPolicy != null && retryPolicy.getRetryExceptionPredicate() != null
        ? retryPolicy.getRetryExceptionPredicate() : KeepAliveHttpSender::retryableByDefault;
    SSLContext context = config.getSslContext();
    this.tls = !https ? null : (context != null ? context : SSLContext.getDefault()).getSocketFactory();
    List<String> enabled = config.getEnabledProtocols();
    this.protocols = enabled == null ? null : enabled.toArray(new String[0]);
    this.maxResponseBytes = config.getMaxResponseBodySize() > 0 ? config.getMaxResponseBodySize() : Long.MAX_VALUE;
    this.ownExecutor = config.getExecutorService() == null;
    this.executor = ownExecutor ? newExecutor() : config.getExecutorService();
  }

  private static long positiveOr(long value, long otherwise) {
    return value > 0 ? value : otherwise;
  }

  /** Request line and the headers that never change; the rest is added per request. */
  private static byte[] headStart(URI endpoint, String host, String contentType, Compressor compressor) {
    String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
    String query = endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery();
    String hostHeader = endpoint.getPort() >= 0 ? bracketed(host) + ":" + endpoint.getPort() : bracketed(host);
    StringBuilder head = new StringBuilder()
        .append("POST ").append(path).append(query).append(" HTTP/1.1\r\n")
        .append("Host: ").append(hostHeader).append("\r\n")
        .append("Content-Type: ").append(contentType).append("\r\n");
    if (compressor != null) {
      head.append("Content-Encoding: ").append(compressor.getEncoding()).append("\r\n");
    }
    return head.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static String bracketed(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static ExecutorService newExecutor() {
    int sender = SENDERS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), task -> new SidecarThread(task, "sidecar-otlp-http-" + sender + "-" + threads.incrementAndGet()));
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /**
   * The JDK's errors for an unreachable, refusing, resetting or silent collector: worth another
   * attempt. A refused connection ({@code ConnectException}) is a {@code SocketException}.
   */
  private static boolean retryableByDefault(IOException e) {
    return e instanceof SocketTimeoutException || e instanceof SocketException || e instanceof UnknownHostException;
  }

  @Override
  public void send(MessageWriter writer, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    try {
      executor.execute(() -> call(writer, onResponse, onError));
    } catch (RejectedExecutionException e) {
      onError.accept(new IOException("the exporter is shut down", e));
    }
  }

  private void call(MessageWriter writer, Consumer<HttpResponse> onResponse, Consumer<Throwable> onError) {
    long deadline = System.nanoTime() + timeoutNanos;
    MessageWriter body;
    byte[] head;
    try {
      body = compressor == null ? writer : compressed(writer);
      head = head();
    } catch (IOException | RuntimeException e) {
      onError.accept(e);
      return;
    }
    long backoffNanos = retryPolicy == null ? 0 : retryPolicy.getInitialBackoff().toNanos();
    for (int attempt = 1; ; attempt++) {
      CollectorResponse response = null;
      IOException failure = null;
      try {
        response = exchange(head, body, deadline);
      } catch (IOException e) {
        failure = e;
      } catch (RuntimeException e) {
        onError.accept(e);
        return;
      }
      boolean retryable = response != null ? RETRYABLE_STATUS.contains(response.getStatusCode())
          : retryableException.test(failure);
      long pauseNanos = 0;
      if (retryable && retryPolicy != null && attempt < retryPolicy.getMaxAttempts() && !shutdown) {
        OptionalLong retryAfter = response != null && response.retryAfter() != null
            ? RetryUtil.retryAfterNanos(response.retryAfter()) : OptionalLong.empty();
        long ceiling = Math.min(backoffNanos, retryPolicy.getMaxBackoff().toNanos());
        // Random within the ceiling, so that many agents turned away at once do not come back at once.
        pauseNanos = retryAfter.isPresent() ? retryAfter.getAsLong() : ThreadLocalRandom.current().nextLong(ceiling + 1);
        backoffNanos = (long) (backoffNanos * retryPolicy.getBackoffMultiplier());
      } else {
        retryable = false;
      }
      if (!retryable || System.nanoTime() + pauseNanos - deadline >= 0) {
        if (response != null) {
          onResponse.accept(response);
        } else {
          onError.accept(failure);
        }
        return;
      }
      LockSupport.parkNanos(pauseNanos);
    }
  }

  /** The body compressed once, so that its length is known and a retry sends the same bytes. */
  private MessageWriter compressed(MessageWriter writer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(32, writer.getContentLength() / 4));
    try (OutputStream compressing = compressor.compress(bytes)) {
      writer.writeMessage(compressing);
    }
    return new MessageWriter() {
      @Override
      public void writeMessage(OutputStream output) throws IOException {
        bytes.writeTo(output);
      }

      @Override
      public int getContentLength() {
        return bytes.size();
      }
    };
  }

  /** The request's head up to its length: the fixed start and this request's headers. */
  private byte[] head() {
    Map<String, List<String>> current = headers == null ? null : headers.get();
    if (current == null || current.isEmpty()) {
      return headStart;
    }
    StringBuilder more = new StringBuilder();
    current.forEach((name, values) -> {
      if (values != null && isToken(name)) {
        for (String value : values) {
          // A line break in a value would end the header early and start another.
          if (value != null && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            more.append(name).append(": ").append(value).append("\r\n");
          }
        }
      }
    });
    byte[] extra = more.toString().getBytes(StandardCharsets.UTF_8);
    byte[] head = new byte[headStart.length + extra.length];
    System.arraycopy(headStart, 0, head, 0, headStart.length);
    System.arraycopy(extra, 0, head, headStart.length, extra.length);
    return head;
  }

  private static boolean isToken(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 127 || c == ':') {
        return false;
      }
    }
    return true;
  }

  /**
   * One request and its answer, on an idle connection when there is one. A kept connection the
   * collector closed in the meantime fails before any answer: the request then goes once more, on a
   * new connection, without counting as an attempt.
   */
  private CollectorResponse exchange(byte[] head, MessageWriter body, long deadline) throws IOException {
    HttpConnection connection = pooled();
    if (connection != null) {
      try {
        return exchangeOn(connection, head, body, deadline);
      } catch (IOException e) {
        if (connection.answered() || e instanceof SocketTimeoutException) {
          throw e;
        }
      }
    }
    int connectTimeout = (int) Math.min(connectMillis > 0 ? connectMillis : Integer.MAX_VALUE,
        Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    return exchangeOn(HttpConnection.open(host, port, connectTimeout, tls, protocols), head, body, deadline);
  }

  private CollectorResponse exchangeOn(HttpConnection connection, byte[] head, MessageWriter body, long deadline)
      throws IOException {
    CollectorResponse response;
    try {
      response = connection.exchange(head, body, body.getContentLength(), deadline, maxResponseBytes);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw e;
    }
    if (connection.reusable() && !shutdown) {
      connection.idle();
      idle.addLast(connection);
    } else {
      connection.close();
    }
    return response;
  }

  /**
   * The most recently used idle connection, or null. Connections go back at the end, so the ones idle
   * too long are at the front: they are closed first.
   */
  private HttpConnection pooled() {
    for (HttpConnection oldest = idle.peekFirst(); oldest != null && oldest.idleNanos() >= MAX_IDLE_NANOS;
        oldest = idle.peekFirst()) {
      if (idle.remove(oldest)) {
        oldest.close();
      }
    }
    return idle.pollLast();
  }

  @Override
  public CompletableResultCode shutdown() {
    shutdown = true;
    if (ownExecutor) {
      executor.shutdown();
    }
    for (HttpConnection connection = idle.pollFirst(); connection != null; connection = idle.pollFirst()) {
      connection.close();
    }
    return CompletableResultCode.ofSuccess();
  }
}
