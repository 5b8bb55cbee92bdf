package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseReaderTest {

  @Test
  void readsResponsesOneAfterAnotherOffOneConnection() throws IOException {
    HttpResponseReader reader = new HttpResponseReader(stream(
        "HTTP/1.1 200 \r\nContent-Type: text/plain\r\nContent-Length: 14\r\n\r\nHello, world!\n"
            + "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nConnection: close\r\n\r\n"));
    assertEquals(200, reader.read());
    assertFalse(reader.closeRequested());
    assertEquals(503, reader.read());
    assertTrue(reader.closeRequested());
  }

  @Test
  void readsAResponseThatArrivesAByteAtATime() throws IOException {
    byte[] bytes = "HTTP/1.1 200 OK\r\nContent-length: 5\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII);
    InputStream trickle = new InputStream() {
      private int next;

      @Override
      public int read() {
        return next < bytes.length ? bytes[next++] : -1;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (next >= bytes.length) {
          return -1;
        }
        buffer[offset] = bytes[next++];
        return 1;
      }
    };
    assertEquals(200, new HttpResponseReader(trickle).read());
  }

  @Test
  void aClosedConnectionOrAMissingLengthFails() {
    assertThrows(EOFException.class, () -> new HttpResponseReader(stream("HTTP/1.1 200 OK\r\n")).read());
    assertThrows(IOException.class,
        () -> new HttpResponseReader(stream("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")).read());
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII));
  }
}
