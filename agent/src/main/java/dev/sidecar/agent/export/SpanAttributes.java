package dev.sidecar.agent.export;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpAttributes;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * What a span record's attribute values become on the export thread: the formatting the
 * application thread skipped (URL redaction, peer addresses, number and array types).
 */
public final class SpanAttributes {
  private static final int URL_FULL_HASH = HttpAttributes.URL_FULL.hashCode();

  private SpanAttributes() {}

  /** Adds {@code record}'s attributes to {@code into}, in the order recorded. */
  public static void collect(SpanRecord record, LimitedAttributes into) {
    for (int slot = 0; slot < record.attributeSlots(); slot += 2) {
      String key = record.attributeKey(slot);
      Object value = record.attributeValue(slot);
      if (value instanceof String) {
        String text = (String) value;
        into.put(key, isUrlFull(key) ? UrlRedactor.redact(text) : text);
      } else if (value instanceof Number) {
        into.put(key, (Number) value);
      } else if (value instanceof Boolean) {
        into.put(key, (Boolean) value);
      } else if (value instanceof InetSocketAddress) {
        InetSocketAddress peer = (InetSocketAddress) value;
        InetAddress address = peer.getAddress();
        String text = address != null ? address.getHostAddress() : peer.getHostString();
        into.put("network.peer.address", text);
        into.put("network.peer.port", peer.getPort());
        // The connection's peer is the client unless a proxy header named another.
        if (record.attribute(HttpAttributes.CLIENT_ADDRESS) == null) {
          into.put(HttpAttributes.CLIENT_ADDRESS, text);
        }
      } else if (value instanceof String[]) {
        into.put(key, (String[]) value);
      } else {
        into.put(key, String.valueOf(value));
      }
    }
  }

  /** A string's hash is cached: most keys differ from {@code url.full} there, without a look at their characters. */
  private static boolean isUrlFull(String key) {
    return key.hashCode() == URL_FULL_HASH && key.equals(HttpAttributes.URL_FULL);
  }
}
