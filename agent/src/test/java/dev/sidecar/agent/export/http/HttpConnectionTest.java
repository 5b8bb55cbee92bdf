package dev.sidecar.agent.export.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The forms of an HTTP/1.1 answer a collector or a proxy in front of it may send, over a real
 * socket from a server that answers with exactly the bytes given.
 */
class HttpConnectionTest {
  private static final byte[] HEAD = ("POST /v1/traces HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + "Content-Type: application/x-protobuf\r\n").getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BODY = {1, 2, 3, 4, 5};

  @Test
  void aLengthDelimitedAnswerKeepsTheConnection() throws Exception {
    Exchange exchange = exchange(ascii("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"));
    assertEquals(200, exchange.response().getStatusCode());
    assertEquals("OK", exchange.response().getStatusMessage());
    assertArrayEquals(ascii("abc"), exchange.response().getResponseBody());
    assertTrue(exchange.reusable());
    // What the server read: the head, the length, the body.
    assertEquals(new String(HEAD, StandardCharsets.US_ASCII) + "Content-Length: 5\r\n\r\n\u0001\u0002\u0003\u0004\u0005",
        exchange.request());
  }

  @Test
  void aChunkedAnswerIsJoined() throws Exception {
    Exchange exchange = exchange(ascii("HTTP/1.1 400 Bad Request\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "4;name=value\r\nbad \r\n7\r\nrequest\r\n0\r\nTrailer: x\r\n\r\n"));
    assertEquals(400, exchange.response().getStatusCode());
    assertArrayEquals(ascii("bad request"), exchange.response().getResponseBody());
    assertTrue(exchange.reusable());
  }

  @Test
  void aGzippedAnswerIsUnzipped() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (OutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(ascii("partial success"));
    }
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    answer.write(ascii("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + zipped.size() + "\r\n\r\n"));
    zipped.writeTo(answer);
    assertArrayEquals(ascii("partial success"), exchange(answer.toByteArray()).response().getResponseBody());
  }

  @Test
  void anAnswerWithoutALengthRunsToTheEndAndClosesTheConnection() throws Exception {
    Exchange exchange = exchange(ascii("HTTP/1.0 503 Service Unavailable\r\nRetry-After: 7\r\n\r\nlater"));
    assertEquals(503, exchange.response().getStatusCode());
    assertArrayEquals(ascii("later"), exchange.response().getResponseBody());
    assertEquals("7", exchange.response().retryAfter());
    assertFalse(exchange.reusable());
  }

  @Test
  void anInterimAnswerIsSkippedAndConnectionCloseIsHonoured() throws Exception {
    Exchange exchange = exchange(ascii("HTTP/1.1 100 Continue\r\n\r\n"
        + "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"));
    assertEquals(204, exchange.response().getStatusCode());
    assertArrayEquals(new byte[0], exchange.response().getResponseBody());
    assertNull(exchange.response().retryAfter());
    assertFalse(exchange.reusable());
  }

  @Test
  void whatIsNotHttpIsAProtocolError() {
    assertThrows(ProtocolException.class, () -> exchange(ascii("SSH-2.0-OpenSSH_9.2\r\n")));
    assertThrows(ProtocolException.class, () -> exchange(ascii("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")));
  }

  @Test
  void anAnswerOverTheLimitFails() {
    IOException failure = assertThrows(IOException.class,
        () -> exchange(ascii("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world"), 10));
    assertEquals("the collector's answer is larger than 10 bytes", failure.getMessage());
  }

  private static Exchange exchange(byte[] answer) throws Exception {
    return exchange(answer, Long.MAX_VALUE);
  }

  /** Sends one request to a server that reads it and then writes {@code answer} and closes. */
  private static Exchange exchange(byte[] answer, long maxBodyBytes) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<String> request = CompletableFuture.supplyAsync(() -> serveOnce(server, answer));
      try (HttpConnection connection = HttpConnection.open("127.0.0.1", server.getLocalPort(), 5_000, null, null)) {
        CollectorResponse response = connection.exchange(HEAD, writer(BODY), BODY.length,
            System.nanoTime() + TimeUnit.SECONDS.toNanos(10), maxBodyBytes);
        return new Exchange(response, connection.reusable(), request.get(10, TimeUnit.SECONDS));
      }
    }
  }

  private static String serveOnce(ServerSocket server, byte[] answer) {
    try (Socket socket = server.accept()) {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      String text = "";
      // The head up to its blank line, then the five bytes of the body.
      while (!(text.contains("\r\n\r\n") && read.size() >= text.indexOf("\r\n\r\n") + 4 + BODY.length)) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        read.write(c);
        text = read.toString(StandardCharsets.ISO_8859_1);
      }
      socket.getOutputStream().write(answer);
      socket.getOutputStream().flush();
      return text;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageWriter writer(byte[] body) {
    return new MessageWriter() {
      @Override
      public void writeMessage(OutputStream output) throws IOException {
        output.write(body);
      }

      @Override
      public int getContentLength() {
        return body.length;
      }
    };
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private record Exchange(CollectorResponse response, boolean reusable, String request) {}
}
