package dev.sidecar.agent.export.http;

import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection to the collector, kept open between exports: writes a request, reads the
 * whole answer. Used by one thread at a time.
 */
final class HttpConnection implements AutoCloseable {
  private static final int BUFFER_BYTES = 8 * 1024;
  private static final int MAX_LINE_CHARS = 8 * 1024;

  private final Socket socket;
  private final String address;
  private final OutputStream out;
  private final InputStream in;
  private final StringBuilder line = new StringBuilder();
  private long idleSinceNanos;
  /** Set by each answer read whole; a failed exchange closes the connection instead. */
  private boolean reusable;
  private boolean answered;

  private HttpConnection(Socket socket, String address) throws IOException {
    this.socket = socket;
    this.address = address;
    this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER_BYTES);
    this.in = new BufferedInputStream(socket.getInputStream(), BUFFER_BYTES);
  }

  /**
   * Connects to {@code host:port} within {@code connectMillis}; over TLS when {@code tls} is not null,
   * with the host name checked against the collector's certificate.
   */
  static HttpConnection open(String host, int port, int connectMillis, SSLSocketFactory tls, String[] protocols)
      throws IOException {
    String address = host + ":" + port;
    Socket plain = new Socket();
    try {
      // Nagle's algorithm would hold the request's last segment until the previous one is acknowledged.
      plain.setTcpNoDelay(true);
      try {
        plain.connect(new InetSocketAddress(host, port), Math.max(1, connectMillis));
      } catch (ConnectException e) {
        // The JDK's message names no address; the type stays, for the retry policy.
        throw (ConnectException) new ConnectException("cannot connect to the collector at " + address + " ("
            + e.getMessage() + ")").initCause(e);
      } catch (SocketTimeoutException e) {
        throw (SocketTimeoutException) new SocketTimeoutException("no connection to the collector at " + address
            + " within " + connectMillis + " ms").initCause(e);
      }
      if (tls == null) {
        return new HttpConnection(plain, address);
      }
      plain.setSoTimeout(Math.max(1, connectMillis));
      SSLSocket secure = (SSLSocket) tls.createSocket(plain, host, port, true);
      SSLParameters parameters = secure.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      if (protocols != null) {
        parameters.setProtocols(protocols);
      }
      secure.setSSLParameters(parameters);
      secure.startHandshake();
      return new HttpConnection(secure, address);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /**
   * Sends {@code head} (request line and headers, without the blank line) and the body, then reads the
   * answer, each read waiting at most the time that was left until {@code deadlineNanos} when the
   * request went out. Answers larger than {@code maxBodyBytes} fail.
   */
  CollectorResponse exchange(byte[] head, MessageWriter body, int contentLength, long deadlineNanos, long maxBodyBytes)
      throws IOException {
    socket.setSoTimeout(remainingMillis(deadlineNanos));
    out.write(head);
    out.write(("Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    body.writeMessage(out);
    out.flush();
    try {
      return readResponse(maxBodyBytes);
    } catch (SocketTimeoutException e) {
      throw (SocketTimeoutException) new SocketTimeoutException("no answer from the collector at " + address
          + " within the export timeout").initCause(e);
    }
  }

  private CollectorResponse readResponse(long maxBodyBytes) throws IOException {
    while (true) {
      String statusLine = readLine();
      // "HTTP/1.1 200 OK": the version, the code, and a reason that may be empty or absent.
      if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
        throw new ProtocolException("not an HTTP response: " + statusLine);
      }
      int status = parseStatus(statusLine);
      String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
      boolean http10 = statusLine.charAt(7) == '0';
      long contentLength = -1;
      boolean chunked = false;
      boolean close = http10;
      String encoding = null;
      String retryAfter = null;
      for (String header = readLine(); !header.isEmpty(); header = readLine()) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        switch (name) {
          case "content-length":
            contentLength = parseLength(value);
            break;
          case "transfer-encoding":
            chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            break;
          case "connection":
            close = value.equalsIgnoreCase("close") || (http10 && !value.equalsIgnoreCase("keep-alive"));
            break;
          case "content-encoding":
            encoding = value.toLowerCase(Locale.ROOT);
            break;
          case "retry-after":
            retryAfter = value;
            break;
          default:
            break;
        }
      }
      if (status >= 100 && status < 200) {
        continue; // an interim answer (100 Continue): the real one follows
      }
      byte[] bodyBytes;
      if (status == 204 || status == 304) {
        bodyBytes = new byte[0];
      } else if (chunked) {
        bodyBytes = readChunked(maxBodyBytes);
      } else if (contentLength >= 0) {
        bodyBytes = readFixed(contentLength, maxBodyBytes);
      } else {
        close = true;
        bodyBytes = readAll(in, maxBodyBytes);
      }
      reusable = !close;
      return new CollectorResponse(status, reason, decoded(bodyBytes, encoding, maxBodyBytes), retryAfter);
    }
  }

  private static int parseStatus(String statusLine) throws ProtocolException {
    try {
      return Integer.parseInt(statusLine.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new ProtocolException("not an HTTP status: " + statusLine);
    }
  }

  private static long parseLength(String value) throws ProtocolException {
    try {
      long length = Long.parseLong(value);
      if (length >= 0) {
        return length;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ProtocolException("invalid Content-Length in the collector's answer: " + value);
  }

  private byte[] readFixed(long length, long maxBodyBytes) throws IOException {
    if (length > maxBodyBytes) {
      throw tooLarge(maxBodyBytes);
    }
    byte[] bytes = new byte[(int) length];
    int read = 0;
    while (read < bytes.length) {
      int n = in.read(bytes, read, bytes.length - read);
      if (n < 0) {
        throw new EOFException("the collector closed the connection in the middle of its answer");
      }
      read += n;
    }
    return bytes;
  }

  private byte[] readChunked(long maxBodyBytes) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int extension = sizeLine.indexOf(';');
      long size;
      try {
        size = Long.parseLong((extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim(), 16);
      } catch (NumberFormatException e) {
        throw new ProtocolException("invalid chunk size in the collector's answer: " + sizeLine);
      }
      if (size == 0) {
        while (!readLine().isEmpty()) {
          // trailers: not used
        }
        return body.toByteArray();
      }
      if (body.size() + size > maxBodyBytes) {
        throw tooLarge(maxBodyBytes);
      }
      body.write(readFixed(size, maxBodyBytes));
      readLine(); // the CRLF after the chunk
    }
  }

  /** Everything {@code from} holds up to its end: an answer without a length, or one unzipped. */
  private static byte[] readAll(InputStream from, long maxBodyBytes) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] buffer = new byte[BUFFER_BYTES];
    for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
      if (body.size() + n > maxBodyBytes) {
        throw tooLarge(maxBodyBytes);
      }
      body.write(buffer, 0, n);
    }
    return body.toByteArray();
  }

  private static byte[] decoded(byte[] body, String encoding, long maxBodyBytes) throws IOException {
    if (encoding == null || encoding.equals("identity") || body.length == 0) {
      return body;
    }
    if (!encoding.equals("gzip")) {
      throw new ProtocolException("unsupported Content-Encoding in the collector's answer: " + encoding);
    }
    try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return readAll(gzip, maxBodyBytes);
    }
  }

  private static IOException tooLarge(long maxBodyBytes) {
    return new IOException("the collector's answer is larger than " + maxBodyBytes + " bytes");
  }

  /** One line of the answer's head, without its CRLF; the answer is ASCII there. */
  private String readLine() throws IOException {
    line.setLength(0);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException(line.length() == 0 && !answered
            ? "the collector closed the connection without answering"
            : "the collector closed the connection in the middle of its answer");
      }
      answered = true;
      if (c == '\n') {
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
      }
      if (line.length() == MAX_LINE_CHARS) {
        throw new ProtocolException("a line of the collector's answer is longer than " + MAX_LINE_CHARS + " characters");
      }
      line.append((char) c);
    }
  }

  /** Whether any byte of an answer arrived on this connection since the last request was written. */
  boolean answered() {
    return answered;
  }

  /** Whether another request may follow on this connection: the last answer, read whole, allows it. */
  boolean reusable() {
    return reusable;
  }

  /** Marks the connection idle from now, before it goes back to the pool. */
  void idle() {
    answered = false;
    idleSinceNanos = System.nanoTime();
  }

  long idleNanos() {
    return System.nanoTime() - idleSinceNanos;
  }

  private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
    long remaining = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    if (remaining <= 0) {
      throw new SocketTimeoutException("timeout");
    }
    return (int) Math.min(Integer.MAX_VALUE, remaining);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing: nothing left to do
    }
  }
}
