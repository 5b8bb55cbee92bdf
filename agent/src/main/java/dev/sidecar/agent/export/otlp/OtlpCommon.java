package dev.sidecar.agent.export.otlp;

import dev.sidecar.agent.export.LimitedAttributes;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.otlp.InstrumentationScopeMarshaler;
import io.opentelemetry.exporter.internal.otlp.ResourceMarshaler;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The parts of {@code opentelemetry/proto/common/v1} both signals share: attributes as
 * {@code KeyValue}s, and the resource and scopes, which the OpenTelemetry SDK's own marshalers encode
 * once so they match what the SDK would send, byte for byte.
 */
final class OtlpCommon {
  // KeyValue (its key field is ProtoWriter's)
  private static final int VALUE = 2;
  // AnyValue (its other cases are ProtoWriter's)
  private static final int ARRAY_VALUE = 5;
  // ArrayValue
  private static final int VALUES = 1;

  private OtlpCommon() {}

  /** Each kept attribute as a {@code KeyValue} in the repeated field {@code field}. */
  static void attributes(ProtoWriter out, int field, LimitedAttributes attributes) {
    for (int i = 0; i < attributes.size(); i++) {
      String key = attributes.name(i);
      Object value = attributes.value(i);
      if (value instanceof String) {
        out.keyValue(field, key, (String) value);
      } else if (value instanceof Double || value instanceof Float) {
        out.keyValue(field, key, ((Number) value).doubleValue());
      } else if (value instanceof Number) {
        out.keyValue(field, key, ((Number) value).longValue());
      } else if (value instanceof Boolean) {
        out.keyValue(field, key, ((Boolean) value).booleanValue());
      } else if (value instanceof String[]) {
        stringArray(out, field, key, (String[]) value);
      }
    }
  }

  /** A {@code KeyValue} whose value is an array of strings, a null item written as empty. */
  static void stringArray(ProtoWriter out, int field, String key, String[] items) {
    int keyValue = out.begin(field);
    out.attributeKey(key);
    int anyValue = out.begin(VALUE);
    int array = out.begin(ARRAY_VALUE);
    for (String item : items) {
      out.anyValue(VALUES, item == null ? "" : item);
    }
    out.end(array);
    out.end(anyValue);
    out.end(keyValue);
  }

  /** The {@code Resource} message's bytes. */
  static byte[] resource(Resource resource) {
    return encode(ResourceMarshaler.create(resource));
  }

  /** The {@code InstrumentationScope} message's bytes. */
  static byte[] scope(InstrumentationScopeInfo scope) {
    return encode(InstrumentationScopeMarshaler.create(scope));
  }

  private static byte[] encode(Marshaler marshaler) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(marshaler.getBinarySerializedSize());
    try {
      marshaler.writeBinaryTo(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array output stream does not throw
    }
    return bytes.toByteArray();
  }
}
