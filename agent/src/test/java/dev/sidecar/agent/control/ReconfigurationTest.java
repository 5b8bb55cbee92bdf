package dev.sidecar.agent.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReconfigurationTest {
  private static final List<String> KNOWN = List.of("java-http-server", "java-util-logging");

  @Test
  void acceptsWhatCanChangeAtRuntime() {
    assertNull(Reconfiguration.check("otel.traces.sampler", "ParentBased_TraceIdRatio", KNOWN));
    assertNull(Reconfiguration.check("otel.traces.sampler.arg", "0", KNOWN));
    assertNull(Reconfiguration.check("otel.traces.sampler.arg", "1.0", KNOWN));
    assertNull(Reconfiguration.check("sidecar.logs.minimum-severity", "warn", KNOWN));
    assertNull(Reconfiguration.check("SIDECAR_LOGS_MINIMUM_SEVERITY", "ERROR", KNOWN));
    assertNull(Reconfiguration.check("otel.instrumentation.java-http-server.enabled", "false", KNOWN));
    assertNull(Reconfiguration.check("otel.instrumentation.java_util_logging.enabled", "TRUE", KNOWN));
  }

  @Test
  void namesWhatIsWrong() {
    assertEquals("invalid value for otel.traces.sampler: 'sometimes' (expected one of always_on, always_off,"
        + " traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio)",
        Reconfiguration.check("otel.traces.sampler", "sometimes", KNOWN));
    assertEquals("invalid value for otel.traces.sampler.arg: '1.5' (expected a ratio from 0 to 1)",
        Reconfiguration.check("otel.traces.sampler.arg", "1.5", KNOWN));
    assertEquals("invalid value for otel.traces.sampler.arg: 'half' (expected a ratio from 0 to 1)",
        Reconfiguration.check("otel.traces.sampler.arg", "half", KNOWN));
    assertEquals("invalid value for sidecar.logs.minimum-severity: 'LOUD' (expected TRACE, DEBUG, INFO, WARN,"
        + " ERROR or FATAL)", Reconfiguration.check("sidecar.logs.minimum-severity", "LOUD", KNOWN));
    assertEquals("unknown instrumentation in otel.instrumentation.grpc.enabled (known: java-http-server,"
        + " java-util-logging)", Reconfiguration.check("otel.instrumentation.grpc.enabled", "true", KNOWN));
    assertEquals("invalid value for otel.instrumentation.java-http-server.enabled: 'off' (expected true or false)",
        Reconfiguration.check("otel.instrumentation.java-http-server.enabled", "off", KNOWN));
    assertEquals("unknown or not changeable at runtime: 'otel.service.name' (changeable: otel.traces.sampler,"
        + " otel.traces.sampler.arg, sidecar.logs.minimum-severity, otel.instrumentation.<name>.enabled)",
        Reconfiguration.check("otel.service.name", "shop", KNOWN));
  }
}
