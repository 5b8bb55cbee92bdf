package dev.sidecar.agent.export;

import dev.sidecar.bootstrap.SpanRecord;
import dev.sidecar.bootstrap.http.HttpAttributes;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a span record's attribute values become on the export thread: the formatting the
 * application thread skipped (URL redaction, peer addresses, number and array types).
 */
public final class SpanAttributes {
  private static final int URL_FULL_HASH = HttpAttributes.URL_FULL.hashCode();
  /**
   * The peer address formatted last, with its text: a server's clients come back request after
   * request, and formatting one makes a new string each time. Immutable, so export threads may
   * share it without a lock; a thread that misses formats and replaces it.
   */
  private static PeerText lastPeer = new PeerText(null, null);

  private SpanAttributes() {}

  /**
   * Adds {@code record}'s attributes to {@code into}, in the order recorded, then the id and name of
   * the thread that started it, as the OpenTelemetry agent adds them to every span.
   */
  public static void collect(SpanRecord record, AttributeSink into) {
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
        String text = address != null ? hostAddress(address) : peer.getHostString();
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
    Thread thread = record.thread();
    if (thread != null) {
      into.put("thread.id", thread.getId());
      into.put("thread.name", thread.getName());
    }
  }

  /**
   * Reads what encoding {@code records} from {@code from} to {@code to} reads first: each record, its
   * attribute array, its name, its string values and their bytes. Returns a number made of what it
   * read, for the caller to keep, so that the compiler keeps the reads. The export thread finds a
   * batch's records out of its caches, written by the application's threads milliseconds before;
   * read in one short loop, the records' cache misses overlap, where the encoding loop met them one
   * after another.
   */
  public static int preload(List<SpanRecord> records, int from, int to) {
    int sum = 0;
    for (int i = from; i < to; i++) {
      SpanRecord record = records.get(i);
      // Null where the encoder leaves the field out: read ahead or not, a batch must encode the same.
      String name = record.startName();
      if (name != null) {
        sum += name.length();
      }
      for (int slot = 0; slot < record.attributeSlots(); slot += 2) {
        Object value = record.attributeValue(slot);
        if (value instanceof String) {
          sum += ((String) value).length();
        }
      }
    }
    return sum;
  }

  /** {@code address} as text, as {@link InetAddress#getHostAddress()} writes it. */
  static String hostAddress(InetAddress address) {
    PeerText last = lastPeer;
    if (address.equals(last.address) && !hasScope(address)) {
      return last.text;
    }
    String text = address.getHostAddress();
    lastPeer = new PeerText(address, text);
    return text;
  }

  /** IPv6 addresses equal without their scope (the "%eth0" of their text): those are formatted every time. */
  private static boolean hasScope(InetAddress address) {
    if (address instanceof Inet4Address) {
      return false;
    }
    Inet6Address v6 = (Inet6Address) address;
    return v6.getScopeId() != 0 || v6.getScopedInterface() != null;
  }

  private static final class PeerText {
    final InetAddress address;
    final String text;

    PeerText(InetAddress address, String text) {
      this.address = address;
      this.text = text;
    }
  }

  /** A string's hash is cached: most keys differ from {@code url.full} there, without a look at their characters. */
  private static boolean isUrlFull(String key) {
    return key.hashCode() == URL_FULL_HASH && key.equals(HttpAttributes.URL_FULL);
  }
}
