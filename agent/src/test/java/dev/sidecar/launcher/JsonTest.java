package dev.sidecar.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void wholeNumbersBareEverythingElseQuotedAndEscaped() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("spans.exported", "42");
    fields.put("sampler", "traceidratio(0.5)");
    fields.put("spans.last_error", "java.io.IOException: \"refused\"\tC:\\x");
    fields.put("version", "0.1.0");
    assertEquals("{\"pid\":7,\"spans.exported\":42,\"sampler\":\"traceidratio(0.5)\","
        + "\"spans.last_error\":\"java.io.IOException: \\\"refused\\\"\\u0009C:\\\\x\",\"version\":\"0.1.0\"}",
        Json.object(7, fields));
  }
}
