package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.Inet6Address;
import java.net.InetAddress;
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
}
