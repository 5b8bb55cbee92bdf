package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.sidecar.bootstrap.CurrentSpan;
import dev.sidecar.bootstrap.Sampler;
import dev.sidecar.bootstrap.SpanKind;
import dev.sidecar.bootstrap.SpanRecord;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
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
