package dev.sidecar.launcher;

import java.util.Map;

/** One flat JSON object of a status: whole numbers as numbers, everything else as strings. */
final class Json {
  private Json() {}

  static String object(long pid, Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{\"pid\":").append(pid);
    fields.forEach((key, value) -> {
      json.append(',');
      string(json, key).append(':');
      if (value.matches("-?[0-9]{1,18}")) {
        json.append(value);
      } else {
        string(json, value);
      }
    });
    return json.append('}').toString();
  }

  static StringBuilder string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        json.append('\\').append(c);
      } else if (c < 0x20) {
        json.append(String.format("\\u%04x", (int) c));
      } else {
        json.append(c);
      }
    }
    return json.append('"');
  }
}
