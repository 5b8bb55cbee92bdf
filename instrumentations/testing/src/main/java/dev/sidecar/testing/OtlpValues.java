package dev.sidecar.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Renders OTLP proto values as the plain strings that test assertions compare against. */
final class OtlpValues {

  private static final HexFormat HEX = HexFormat.of();

  private OtlpValues() {}

  /** Lower-case hex, the form the OpenTelemetry API uses for trace and span ids; "" when unset. */
  static String hex(ByteString id) {
    return HEX.formatHex(id.toByteArray());
  }

  /** The rendered value of the first attribute named {@code key}, or null if there is none. */
  static String attribute(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        return render(attribute.getValue());
      }
    }
    return null;
  }

  /** All attributes rendered, ordered by key so that assertions on the whole map are stable. */
  static Map<String, String> attributes(List<KeyValue> attributes) {
    Map<String, String> rendered = new TreeMap<>();
    for (KeyValue attribute : attributes) {
      rendered.putIfAbsent(attribute.getKey(), render(attribute.getValue()));
    }
    return rendered;
  }

  static String render(AnyValue value) {
    switch (value.getValueCase()) {
      case STRING_VALUE:
        return value.getStringValue();
      case BOOL_VALUE:
        return Boolean.toString(value.getBoolValue());
      case INT_VALUE:
        return Long.toString(value.getIntValue());
      case DOUBLE_VALUE:
        return Double.toString(value.getDoubleValue());
      case BYTES_VALUE:
        return Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
      case ARRAY_VALUE:
        return value.getArrayValue().getValuesList().stream()
            .map(OtlpValues::render)
            .collect(Collectors.joining(", ", "[", "]"));
      case KVLIST_VALUE:
        return attributes(value.getKvlistValue().getValuesList()).toString();
      default:
        return "";
    }
  }
}
