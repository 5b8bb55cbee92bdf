package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Sampler;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SpanAttributesTest {
  @Test
  void aPeerAddressThatRepeatsIsFormattedOnce() throws Exception {
    String first = SpanAttributes.hostAddress(InetAddress.getByAddress(new byte[] {10, 1, 2, 3}));
    // An equal address from another connection: a different object, the same text, not made again.
    String again = SpanAttributes.hostAddress(InetAddress.getByAddress(new byte[] {10, 1, 2, 3}));
    assertEquals("10.1.2.3", first);
    assertSame(first, again);
  }

  @Test
  void eachAddressKeepsItsOwnText() throws Exception {
    assertEquals("10.1.2.3", SpanAttributes.hostAddress(InetAddress.getByAddress(new byte[] {10, 1, 2, 3})));
    assertEquals("10.1.2.4", SpanAttributes.hostAddress(InetAddress.getByAddress(new byte[] {10, 1, 2, 4})));
    assertEquals("0:0:0:0:0:0:0:1", SpanAttributes.hostAddress(InetAddress.getByName("::1")));
    assertEquals("10.1.2.3", SpanAttributes.hostAddress(InetAddress.getByAddress(new byte[] {10, 1, 2, 3})));
  }

  @Test
  void ipv6AddressesThatDifferOnlyInScopeKeepTheirScope() throws Exception {
    byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
    InetAddress scope1 = Inet6Address.getByAddress(null, linkLocal, 1);
    InetAddress scope2 = Inet6Address.getByAddress(null, linkLocal, 2);
    assertEquals(scope1, scope2); // InetAddress.equals leaves the scope out
    assertEquals("fe80:0:0:0:0:0:0:1%1", SpanAttributes.hostAddress(scope1));
    assertEquals("fe80:0:0:0:0:0:0:1%2", SpanAttributes.hostAddress(scope2));
    assertEquals("fe80:0:0:0:0:0:0:1%1", SpanAttributes.hostAddress(scope1));
  }

  @Test
  void aSpanCarriesTheIdAndNameOfTheThreadThatStartedIt() throws Exception {
    Sampler.install(Sampler.parentBased(1.0));
    AtomicReference<SpanRecord> started = new AtomicReference<>();
    Thread worker = new Thread(() -> started.set(record("GET /a", "/a")), "checkout-worker-3");
    worker.start();
    worker.join();
    Map<String, Object> attributes = collected(started.get());
    // After the record's own attributes, as the OpenTelemetry agent adds them at the span's start.
    assertEquals(List.of("url.path", "http.response.status_code", "thread.id", "thread.name"),
        new ArrayList<>(attributes.keySet()));
    assertEquals(worker.getId(), attributes.get("thread.id"));
    assertEquals("checkout-worker-3", attributes.get("thread.name"));
  }

  @Test
  void withoutThreadDetailsASpanKeepsNoThread() {
    Sampler.install(Sampler.parentBased(1.0));
    SpanRecord.threadDetails(false);
    try {
      SpanRecord record = record("GET /a", "/a");
      assertNull(record.thread());
      assertEquals(List.of("url.path", "http.response.status_code"), new ArrayList<>(collected(record).keySet()));
    } finally {
      SpanRecord.threadDetails(true);
    }
  }

  private static Map<String, Object> collected(SpanRecord record) {
    LimitedAttributes attributes = new LimitedAttributes(AttributeLimits.general(AgentConfig.fromMap(Map.of())));
    SpanAttributes.collect(record, attributes);
    Map<String, Object> byName = new LinkedHashMap<>();
    for (int i = 0; i < attributes.size(); i++) {
      byName.put(attributes.name(i), attributes.value(i));
    }
    return byName;
  }

  @Test
  void preloadReadsTheNamesAndStringValuesOfTheRecordsInItsRange() {
    Sampler.install(Sampler.parentBased(1.0));
    List<SpanRecord> records = List.of(record("GET /a", "/a"), record("POST /orders", "/orders"), record("GET /x", "/x"));
    // The second and third: their names (12 and 6 characters) and paths (7 and 2); the status code is a number.
    assertEquals(12 + 7 + 6 + 2, SpanAttributes.preload(records, 1, 3));
    assertEquals(0, SpanAttributes.preload(records, 3, 3));
    // A record without a name is read for its values alone.
    assertEquals(4, SpanAttributes.preload(List.of(record(null, "/abc")), 0, 1));
  }

  private static SpanRecord record(String name, String path) {
    SpanRecord record = SpanRecord.startCurrent("test", SpanKind.SERVER, name, null, null, null);
    record.attribute("url.path", path);
    record.attribute("http.response.status_code", 200L);
    CurrentSpan.set(null);
    return record;
  }
}
