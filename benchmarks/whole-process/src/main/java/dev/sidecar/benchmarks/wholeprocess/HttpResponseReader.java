package dev.sidecar.benchmarks.wholeprocess;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads HTTP/1.1 responses with a {@code Content-Length} off one keep-alive connection, into one
 * reused buffer: just enough HTTP for a load generator whose own cost must stay low.
 */
final class HttpResponseReader {
  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONNECTION_CLOSE = "connection: close".getBytes(StandardCharsets.US_ASCII);

  private final InputStream in;
  private final byte[] buffer = new byte[16 * 1024];
  private int start;
  private int end;
  private boolean closeRequested;

  HttpResponseReader(InputStream in) {
    this.in = in;
  }

  /** Reads one whole response and returns its status code. */
  int read() throws IOException {
    int headEnd;
    while ((headEnd = indexOfHeadEnd()) < 0) {
      fill();
    }
    int status = parseStatus();
    long length = headerValue(CONTENT_LENGTH, headEnd);
    if (length < 0) {
      throw new IOException("response without Content-Length");
    }
    closeRequested = indexOf(CONNECTION_CLOSE, start, headEnd) >= 0;
    start = headEnd + 4;
    long remaining = length;
    while (remaining > 0) {
      if (start == end) {
        fill();
      }
      int taken = (int) Math.min(remaining, end - start);
      start += taken;
      remaining -= taken;
    }
    return status;
  }

  /** Whether the last response said {@code Connection: close}. */
  boolean closeRequested() {
    return closeRequested;
  }

  private int parseStatus() throws IOException {
    // "HTTP/1.1 200 ..."
    if (end - start < 12 || buffer[start + 8] != ' ') {
      throw new IOException("not an HTTP/1.1 status line");
    }
    return (buffer[start + 9] - '0') * 100 + (buffer[start + 10] - '0') * 10 + (buffer[start + 11] - '0');
  }

  /** The number after a header name (matched case-insensitively), or -1. */
  private long headerValue(byte[] lowerCaseName, int headEnd) {
    int at = indexOf(lowerCaseName, start, headEnd);
    if (at < 0) {
      return -1;
    }
    long value = 0;
    int i = at + lowerCaseName.length;
    while (i < headEnd && buffer[i] == ' ') {
      i++;
    }
    for (; i < headEnd && buffer[i] >= '0' && buffer[i] <= '9'; i++) {
      value = value * 10 + (buffer[i] - '0');
    }
    return value;
  }

  private int indexOfHeadEnd() {
    for (int i = start; i + 3 < end; i++) {
      if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private int indexOf(byte[] lowerCase, int from, int to) {
    outer:
    for (int i = from; i + lowerCase.length <= to; i++) {
      for (int j = 0; j < lowerCase.length; j++) {
        byte b = buffer[i + j];
        if (b >= 'A' && b <= 'Z') {
          b += 'a' - 'A';
        }
        if (b != lowerCase[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private void fill() throws IOException {
    if (start == end) {
      start = 0;
      end = 0;
    } else if (end == buffer.length) {
      if (start == 0) {
        throw new IOException("response head larger than " + buffer.length + " bytes");
      }
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    int read = in.read(buffer, end, buffer.length - end);
    if (read < 0) {
      throw new EOFException("connection closed by the server");
    }
    end += read;
  }
}
