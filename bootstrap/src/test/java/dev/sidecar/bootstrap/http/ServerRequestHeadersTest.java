package dev.sidecar.bootstrap.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerRequestHeadersTest {

  @Test
  void findsEachHeaderByNameInAnyCaseAndTakesItsFirstValue() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Traceparent", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    headers.put("TRACESTATE", List.of("vendor=a", "other=b"));
    headers.put("baggage", List.of("user=alice"));
    headers.put("Host", List.of("shop.example:8080"));
    headers.put("User-agent", List.of("curl/8.0"));
    headers.put("Forwarded", List.of("for=192.0.2.60;proto=https"));
    headers.put("X-forwarded-for", List.of("203.0.113.7, 198.51.100.2"));
    headers.put("X-Forwarded-Proto", List.of("https"));
    headers.put("x-forwarded-host", List.of("shop.example"));
    headers.put("Accept", List.of("*/*"));

    ServerRequestHeaders found = ServerRequestHeaders.scan(headers);

    assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", found.traceparent());
    assertEquals("vendor=a", found.tracestate());
    assertEquals("user=alice", found.baggage());
    assertEquals("shop.example:8080", found.host());
    assertEquals("curl/8.0", found.userAgent());
    assertEquals("for=192.0.2.60;proto=https", found.forwarded());
    assertEquals("203.0.113.7, 198.51.100.2", found.forwardedFor());
    assertEquals("https", found.forwardedProto());
    assertEquals("shop.example", found.forwardedHost());
  }

  @Test
  void absentEmptyAndLookalikeHeadersGiveNull() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Hots", List.of("shop.example"));
    headers.put("Traceparenx", List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
    headers.put("User-Agent", new ArrayList<>());
    headers.put("Baggage", null);
    headers.put(null, List.of("ignored"));

    ServerRequestHeaders found = ServerRequestHeaders.scan(headers);

    assertNull(found.host());
    assertNull(found.traceparent());
    assertNull(found.userAgent());
    assertNull(found.baggage());
    assertNull(found.tracestate());
    assertNull(found.forwarded());
    assertNull(found.forwardedFor());
    assertNull(found.forwardedProto());
    assertNull(found.forwardedHost());
  }
}
