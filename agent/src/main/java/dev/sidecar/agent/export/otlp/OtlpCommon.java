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
  // AnyValue
  private static final int STRING_VALUE = 1;
  private static final int BOOL_VALUE = 2;
  private static final int INT_VALUE = 3;
  private static final int DOUBLE_VALUE = 4;
  private static final int ARRAY_VALUE = 5;
  // ArrayValue
  private static final int VALUES = 1;

  private OtlpCommon() {}

  /** Each kept attribute as a {@code KeyValue} in the repeated field {@code field}. */
  static void attributes(ProtoWriter out, int field, LimitedAttributes attributes) {
    for (int i = 0; i < attributes.size(); i++) {
      if (attributes.value(i) instanceof String) {
        out.keyValue(field, attributes.name(i), (String) attributes.value(i));
        continue;
      }
      int keyValue = out.begin(field);
      out.attributeKey(attributes.name(i));
      int anyValue = out.begin(VALUE);
      value(out, attributes.value(i));
      out.end(anyValue);
      out.end(keyValue);
    }
  }

  /** A string as an {@code AnyValue} message in {@code field}, such as a log record's body. */
  static void stringValue(ProtoWriter out, int field, String value) {
    int anyValue = out.begin(field);
    out.stringAlways(STRING_VALUE, value);
    out.end(anyValue);
  }

  private static void value(ProtoWriter out, Object value) {
    if (value instanceof String) {
      out.stringAlways(STRING_VALUE, (String) value);
    } else if (value instanceof Double || value instanceof Float) {
      out.doubleAlways(DOUBLE_VALUE, ((Number) value).doubleValue());
    } else if (value instanceof Number) {
      out.int64Always(INT_VALUE, ((Number) value).longValue());
    } else if (value instanceof Boolean) {
      out.boolAlways(BOOL_VALUE, (Boolean) value);
    } else if (value instanceof String[]) {
      int array = out.begin(ARRAY_VALUE);
      for (String item : (String[]) value) {
        stringValue(out, VALUES, item == null ? "" : item);
      }
      out.end(array);
    }
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
