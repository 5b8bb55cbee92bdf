package dev.sidecar.agent.export.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Protocol buffers' wire format into a byte array, the request's own ({@link #wrap}), copied into a
 * larger one should it run out of room. A nested message is written in place: {@link #begin}
 * leaves room for a two-byte length, the size of a span's or a log record's, {@link #end} writes
 * the length there, and moves the body only when its length takes another size, so nothing is
 * sized twice and no message object is built.
 * Fields are skipped when they hold their default value, as proto3 and the OpenTelemetry SDK's
 * marshalers do, unless a method says otherwise.
 */
final class ProtoWriter {
  /** Room for a length below 16,384: records fit, and only smaller or larger messages move. */
  private static final int LENGTH_ROOM = 2;
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int FIXED32 = 5;
  // KeyValue's value and AnyValue's cases, for the attribute writers.
  private static final int KEY_VALUE_VALUE = 2;
  private static final int ANY_STRING = 1;
  private static final int ANY_BOOL = 2;
  private static final int ANY_INT = 3;
  private static final int ANY_DOUBLE = 4;

  /** Made when the first attribute is written; kept from request to request. */
  private KeyFields keys;
  private byte[] buffer;
  private int position;
  /** Whether the string {@link #utf8Length} measured last is all ASCII. */
  private boolean lastAscii;

  ProtoWriter(int initialCapacity) {
    buffer = new byte[initialCapacity];
  }

  /** Writes into {@code array} from now on, from {@code at}; what this writer knows of keys stays. */
  void wrap(byte[] array, int at) {
    buffer = array;
    position = at;
  }

  /** The array written into: the one given to {@link #wrap}, or a larger copy had it run out of room. */
  byte[] array() {
    return buffer;
  }

  /** Leaves {@code bytes} of room at the write position, to be written later; returns where it starts. */
  int reserve(int bytes) {
    ensure(bytes);
    int at = position;
    position += bytes;
    return at;
  }

  /** Moves the write position to {@code at}, inside what is written; returns where it was. */
  int seek(int at) {
    int was = position;
    position = at;
    return was;
  }

  /** Moves bytes {@code from} to {@code to} so they start at {@code at}; writing goes on after them. */
  void move(int from, int to, int at) {
    int length = to - from;
    if (at + length > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, at + length));
    }
    System.arraycopy(buffer, from, buffer, at, length);
    position = at + length;
  }

  int size() {
    return position;
  }

  /** The bytes written so far, in an array of their own. */
  byte[] toByteArray() {
    return Arrays.copyOf(buffer, position);
  }

  /** Starts the message field {@code field}; pass what it returns to {@link #end}. */
  int begin(int field) {
    tag(field, LENGTH_DELIMITED);
    ensure(LENGTH_ROOM);
    int mark = position;
    position += LENGTH_ROOM;
    return mark;
  }

  void end(int mark) {
    int bodyStart = mark + LENGTH_ROOM;
    int length = position - bodyStart;
    int lengthSize = varintSize(length);
    if (lengthSize != LENGTH_ROOM) {
      if (lengthSize > LENGTH_ROOM) {
        ensure(lengthSize - LENGTH_ROOM);
      }
      System.arraycopy(buffer, bodyStart, buffer, mark + lengthSize, length);
    }
    position = mark;
    varintInRoom(length);
    position += length;
  }

  /** A message whose bytes are encoded already, such as the resource: written whole, even when empty. */
  void message(int field, byte[] encoded) {
    tag(field, LENGTH_DELIMITED);
    varint(encoded.length);
    raw(encoded, encoded.length);
  }

  /** Skipped when null or empty. */
  void string(int field, String value) {
    if (value == null || value.isEmpty()) {
      return;
    }
    tag(field, LENGTH_DELIMITED);
    int length = utf8Length(value);
    boolean ascii = lastAscii;
    varint(length);
    ensure(length);
    utf8(value, length, ascii);
  }

  /**
   * {@code first}, a space and {@code second} as one string field, the bytes of the joined string
   * without joining them; {@code first} alone when {@code second} is null.
   */
  void string(int field, String first, String second) {
    if (first == null || second == null) {
      string(field, first);
      return;
    }
    tag(field, LENGTH_DELIMITED);
    int firstLength = utf8Length(first);
    boolean firstAscii = lastAscii;
    int secondLength = utf8Length(second);
    boolean secondAscii = lastAscii;
    int length = firstLength + 1 + secondLength;
    varint(length);
    ensure(length);
    utf8(first, firstLength, firstAscii);
    buffer[position++] = ' ';
    utf8(second, secondLength, secondAscii);
  }

  /** A 16-byte trace id, high half first, as OTLP's {@code bytes} field. */
  void traceId(int field, long high, long low) {
    tag(field, LENGTH_DELIMITED);
    varint(16);
    fixed64BigEndian(high);
    fixed64BigEndian(low);
  }

  /** An 8-byte span id; skipped when zero, the invalid id. */
  void spanId(int field, long id) {
    if (id != 0) {
      tag(field, LENGTH_DELIMITED);
      varint(8);
      fixed64BigEndian(id);
    }
  }

  /** An unsigned 32-bit or enum value; skipped when zero. */
  void uint32(int field, int value) {
    if (value != 0) {
      tag(field, VARINT);
      varint(value & 0xFFFFFFFFL);
    }
  }

  /** Skipped when zero. */
  void fixed64(int field, long value) {
    if (value != 0) {
      tag(field, FIXED64);
      littleEndian(value, 8);
    }
  }

  /** Skipped when zero. */
  void fixed32(int field, int value) {
    if (value != 0) {
      tag(field, FIXED32);
      littleEndian(value, 4);
    }
  }

  /**
   * An attribute with a string value, {@code KeyValue{key, AnyValue{string_value}}}, sized before
   * it is written, so nothing moves: attributes are most of a span's bytes. The attribute writers
   * below do the same for the other value types: a small message written by {@link #begin} and
   * {@link #end} would move back by a byte at its end, once per attribute.
   */
  void keyValue(int field, String key, String value) {
    KeyFields known = keys();
    int slot = known.slot(key);
    byte[] repeated = known.repeated(slot, field, value);
    if (repeated != null) {
      raw(repeated, repeated.length);
      return;
    }
    int start = position;
    int valueLength = utf8Length(value);
    boolean valueAscii = lastAscii;
    keyValueHead(field, known.field(slot, key), 1 + varintSize(valueLength) + valueLength);
    buffer[position++] = (ANY_STRING << 3) | LENGTH_DELIMITED;
    varintInRoom(valueLength);
    utf8(value, valueLength, valueAscii);
    known.remember(slot, field, value, buffer, start, position);
  }

  /** An attribute with an integer value, {@code KeyValue{key, AnyValue{int_value}}}. */
  void keyValue(int field, String key, long value) {
    keyValueHead(field, key, 1 + varintSize(value));
    buffer[position++] = (ANY_INT << 3) | VARINT;
    varintInRoom(value);
  }

  /** An attribute with a boolean value, {@code KeyValue{key, AnyValue{bool_value}}}. */
  void keyValue(int field, String key, boolean value) {
    keyValueHead(field, key, 2);
    buffer[position++] = (ANY_BOOL << 3) | VARINT;
    buffer[position++] = (byte) (value ? 1 : 0);
  }

  /** An attribute with a double value, {@code KeyValue{key, AnyValue{double_value}}}. */
  void keyValue(int field, String key, double value) {
    keyValueHead(field, key, 9);
    buffer[position++] = (ANY_DOUBLE << 3) | FIXED64;
    littleEndian(Double.doubleToRawLongBits(value), 8);
  }

  /**
   * A {@code KeyValue}'s tag, length and key, and its {@code AnyValue}'s tag and length, for a
   * value field of {@code valueFieldSize} bytes; ensures room for that field too.
   */
  private void keyValueHead(int field, String key, int valueFieldSize) {
    keyValueHead(field, keyField(key), valueFieldSize);
  }

  private void keyValueHead(int field, byte[] keyField, int valueFieldSize) {
    int keyValue = keyField.length + 1 + varintSize(valueFieldSize) + valueFieldSize;
    ensure(keyValue + 10);
    varintInRoom((field << 3) | LENGTH_DELIMITED);
    varintInRoom(keyValue);
    System.arraycopy(keyField, 0, buffer, position, keyField.length);
    position += keyField.length;
    buffer[position++] = (KEY_VALUE_VALUE << 3) | LENGTH_DELIMITED;
    varintInRoom(valueFieldSize);
  }

  /** A string as an {@code AnyValue} message in {@code field}, such as a log record's body; sized first. */
  void anyValue(int field, String value) {
    int length = utf8Length(value);
    boolean ascii = lastAscii;
    int anyValue = 1 + varintSize(length) + length;
    tag(field, LENGTH_DELIMITED);
    varint(anyValue);
    ensure(anyValue);
    buffer[position++] = (ANY_STRING << 3) | LENGTH_DELIMITED;
    varintInRoom(length);
    utf8(value, length, ascii);
  }

  /**
   * A message in {@code field} whose one field {@code inner} is an unsigned 32-bit or enum
   * {@code value}, skipped when zero (the message is written all the same), such as a span's status.
   */
  void uint32Message(int field, int inner, int value) {
    long unsigned = value & 0xFFFFFFFFL;
    tag(field, LENGTH_DELIMITED);
    varint(value == 0 ? 0 : varintSize(inner << 3) + varintSize(unsigned));
    uint32(inner, value);
  }

  /** A {@code KeyValue}'s key field, encoded once per key ({@link KeyFields}). */
  void attributeKey(String key) {
    byte[] keyField = keyField(key);
    raw(keyField, keyField.length);
  }

  private byte[] keyField(String key) {
    return keys().field(key);
  }

  private KeyFields keys() {
    if (keys == null) {
      keys = new KeyFields();
    }
    return keys;
  }

  /** The tag and length of a message field whose body, {@code bodyLength} bytes, is written next. */
  void messageHeader(int field, int bodyLength) {
    tag(field, LENGTH_DELIMITED);
    varint(bodyLength);
  }

  /** The whole buffer, without a copy, when it is exactly full; else a copy of what was written. */
  byte[] toExactByteArray() {
    return position == buffer.length ? buffer : toByteArray();
  }

  /** How many bytes a message field takes whose body is {@code bodyLength} bytes. */
  static int messageFieldSize(int field, int bodyLength) {
    return varintSize(field << 3) + varintSize(bodyLength) + bodyLength;
  }

  /** How many bytes {@link #string} takes for {@code value}. */
  static int stringFieldSize(int field, String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    int length = value.getBytes(StandardCharsets.UTF_8).length;
    return messageFieldSize(field, length);
  }

  /** The UTF-8 length of {@code value} as String.getBytes(UTF_8) encodes it; sets {@link #lastAscii}. */
  private int utf8Length(String value) {
    int length = value.length();
    int utf8 = length;
    boolean ascii = true;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 0x80) {
        ascii = false;
        if (c < 0x800) {
          utf8 += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
          utf8 += 2; // four bytes for the pair of chars
          i++;
        } else if (Character.isSurrogate(c)) {
          utf8 += 0; // a lone surrogate is encoded as '?'
        } else {
          utf8 += 2;
        }
      }
    }
    lastAscii = ascii;
    return utf8;
  }

  private void utf8(String value, int utf8Length, boolean ascii) {
    if (ascii) {
      // One byte per char: every char is below 0x80, so its low byte is its UTF-8 encoding.
      value.getBytes(0, utf8Length, buffer, position);
      position += utf8Length;
    } else {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      System.arraycopy(bytes, 0, buffer, position, bytes.length);
      position += bytes.length;
    }
  }

  private void tag(int field, int wireType) {
    varint((field << 3) | wireType);
  }

  private void varint(long value) {
    ensure(10);
    varintInRoom(value);
  }

  // The writers below work on locals and store the position once: the position field advanced
  // byte by byte costs a field store per byte, and the encoders inline these in many places.

  /** A varint where the room for it is ensured already. */
  private void varintInRoom(long value) {
    byte[] bytes = buffer;
    int at = position;
    while ((value & ~0x7FL) != 0) {
      bytes[at++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    bytes[at++] = (byte) value;
    position = at;
  }

  /** The low {@code size} bytes of {@code value}, least significant first. */
  private void littleEndian(long value, int size) {
    ensure(size);
    byte[] bytes = buffer;
    int at = position;
    for (int i = 0; i < size; i++) {
      bytes[at + i] = (byte) (value >>> (8 * i));
    }
    position = at + size;
  }

  private void fixed64BigEndian(long value) {
    ensure(8);
    byte[] bytes = buffer;
    int at = position;
    bytes[at] = (byte) (value >>> 56);
    bytes[at + 1] = (byte) (value >>> 48);
    bytes[at + 2] = (byte) (value >>> 40);
    bytes[at + 3] = (byte) (value >>> 32);
    bytes[at + 4] = (byte) (value >>> 24);
    bytes[at + 5] = (byte) (value >>> 16);
    bytes[at + 6] = (byte) (value >>> 8);
    bytes[at + 7] = (byte) value;
    position = at + 8;
  }

  private void raw(byte[] bytes, int length) {
    ensure(length);
    System.arraycopy(bytes, 0, buffer, position, length);
    position += length;
  }

  private void ensure(int more) {
    if (buffer.length - position < more) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + more));
    }
  }

  static int varintSize(long value) {
    int size = 1;
    while ((value & ~0x7FL) != 0) {
      value >>>= 7;
      size++;
    }
    return size;
  }

  static int varintSize(int value) {
    if ((value & ~0x7F) == 0) {
      return 1;
    }
    if ((value & ~0x3FFF) == 0) {
      return 2;
    }
    if ((value & ~0x1FFFFF) == 0) {
      return 3;
    }
    if ((value & ~0xFFFFFFF) == 0) {
      return 4;
    }
    return 5;
  }
}
