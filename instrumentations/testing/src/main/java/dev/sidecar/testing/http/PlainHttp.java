package dev.sidecar.testing.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP/1.1 client on a bare socket, one request per connection. Tests that run inside an
 * instrumented JVM use it to send exactly the headers they mean to: the JDK's HttpClient would be
 * traced there and would add a {@code traceparent} of its own.
 */
public final class PlainHttp {
  private PlainHttp() {}

  /** Sends a bodiless request and returns the status code; the response body is read and discarded. */
  public static int send(int port, String method, String pathAndQuery, Map<String, String> headers) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(15_000);
      StringBuilder request = new StringBuilder()
          .append(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n")
          .append("Host: 127.0.0.1:").append(port).append("\r\n")
          .append("Connection: close\r\n");
      headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
      request.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String response = readAll(socket.getInputStream());
      if (!response.startsWith("HTTP/1.")) {
        throw new IOException("no HTTP response: '" + response + "'");
      }
      return Integer.parseInt(response.substring(9, 12));
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    for (int n; (n = in.read(buffer)) > 0; ) {
      bytes.write(buffer, 0, n);
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }
}
