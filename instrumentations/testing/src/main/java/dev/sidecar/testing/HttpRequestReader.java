package dev.sidecar.testing;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads successive HTTP/1.1 requests from one connection. */
final class HttpRequestReader {

  private static final int MAX_LINE_BYTES = 16 * 1024;
  private static final int MAX_HEADERS = 200;
  private static final long MAX_BODY_BYTES = 64L * 1024 * 1024;
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private final InputStream in;
  private final OutputStream out;

  /** {@code out} is needed only to answer {@code Expect: 100-continue} before the body is sent. */
  HttpRequestReader(InputStream in, OutputStream out) {
    this.in = in;
    this.out = out;
  }

  /** The next request, or null when the client closed the connection between requests. */
  HttpRequest read() throws IOException, HttpStatusException {
    String requestLine = readLine(true);
    // RFC 9112 section 2.2: a server should ignore empty lines received before the request line.
    while (requestLine != null && requestLine.isEmpty()) {
      requestLine = readLine(true);
    }
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new HttpStatusException(400, "Malformed request line: " + requestLine);
    }
    Map<String, List<String>> headers = readHeaders();
    byte[] body = readBody(parts[2], headers);
    return new HttpRequest(parts[0], parts[1], parts[2], headers, body);
  }

  private Map<String, List<String>> readHeaders() throws IOException, HttpStatusException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int count = 0; ; count++) {
      String line = readLine(false);
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(':');
      if (count >= MAX_HEADERS || colon <= 0 || Character.isWhitespace(line.charAt(0))) {
        throw new HttpStatusException(400, "Malformed or too many headers");
      }
      String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      headers.computeIfAbsent(name, unused -> new ArrayList<>()).add(value);
    }
  }

  private byte[] readBody(String version, Map<String, List<String>> headers)
      throws IOException, HttpStatusException {
    List<String> transferEncoding = headers.get("transfer-encoding");
    List<String> contentLength = headers.get("content-length");
    boolean chunked = transferEncoding != null;
    if (chunked && !String.join(",", transferEncoding).trim().equalsIgnoreCase("chunked")) {
      throw new HttpStatusException(501, "Unsupported Transfer-Encoding: " + transferEncoding);
    }
    long length = chunked ? -1 : contentLength(contentLength);
    if (length == 0) {
      return new byte[0];
    }
    List<String> expect = headers.get("expect");
    if (expect != null && expect.get(0).equalsIgnoreCase("100-continue")
        && version.equals("HTTP/1.1")) {
      out.write(CONTINUE);
      out.flush();
    }
    return chunked ? readChunked() : readExactly(length);
  }

  private static long contentLength(List<String> values) throws HttpStatusException {
    if (values == null) {
      return 0;
    }
    long length = -1;
    try {
      for (String value : String.join(",", values).split(",")) {
        long parsed = Long.parseLong(value.trim());
        if (parsed < 0 || (length >= 0 && parsed != length)) {
          throw new HttpStatusException(400, "Invalid Content-Length: " + values);
        }
        length = parsed;
      }
    } catch (NumberFormatException e) {
      throw new HttpStatusException(400, "Invalid Content-Length: " + values);
    }
    if (length > MAX_BODY_BYTES) {
      throw new HttpStatusException(413, "Body larger than " + MAX_BODY_BYTES + " bytes");
    }
    return length;
  }

  private byte[] readChunked() throws IOException, HttpStatusException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(false);
      int extension = sizeLine.indexOf(';');
      String hex = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).trim();
      long size;
      try {
        size = Long.parseLong(hex, 16);
      } catch (NumberFormatException e) {
        throw new HttpStatusException(400, "Invalid chunk size: " + sizeLine);
      }
      if (size < 0 || size > MAX_BODY_BYTES - body.size()) {
        throw new HttpStatusException(413, "Body larger than " + MAX_BODY_BYTES + " bytes");
      }
      if (size == 0) {
        // Trailer fields carry nothing an OTLP receiver needs; skip them up to the final empty line.
        String trailer;
        do {
          trailer = readLine(false);
        } while (!trailer.isEmpty());
        return body.toByteArray();
      }
      body.write(readExactly(size));
      if (!readLine(false).isEmpty()) {
        throw new HttpStatusException(400, "Chunk data longer than its declared size");
      }
    }
  }

  private byte[] readExactly(long length) throws IOException {
    byte[] bytes = in.readNBytes((int) length);
    if (bytes.length != length) {
      throw new EOFException("Connection closed inside the body");
    }
    return bytes;
  }

  /** One line without its CRLF (a bare LF is tolerated); null only if EOF comes first and allowed. */
  private String readLine(boolean eofAllowed) throws IOException, HttpStatusException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (eofAllowed && line.size() == 0) {
          return null;
        }
        throw new EOFException("Connection closed inside a line");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE_BYTES) {
        throw new HttpStatusException(400, "Line longer than " + MAX_LINE_BYTES + " bytes");
      }
      line.write(b);
    }
  }
}
