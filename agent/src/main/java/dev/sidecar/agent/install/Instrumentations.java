package dev.sidecar.agent.install;

import dev.sidecar.agent.config.AgentConfig;
import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.instrumentation.apachehttpclient4.ApacheHttpClient4Instrumentation;
import dev.sidecar.instrumentation.apachehttpclient5.ApacheHttpClient5Instrumentation;
import dev.sidecar.instrumentation.executors.ExecutorsInstrumentation;
import dev.sidecar.instrumentation.httpurlconnection.HttpUrlConnectionInstrumentation;
import dev.sidecar.instrumentation.jdkhttpclient.JdkHttpClientInstrumentation;
import dev.sidecar.instrumentation.jdkhttpserver.JdkHttpServerInstrumentation;
import dev.sidecar.instrumentation.jul.JavaUtilLoggingInstrumentation;
import dev.sidecar.instrumentation.log4j2.Log4jAppenderInstrumentation;
import dev.sidecar.instrumentation.log4j2.Log4jContextDataInstrumentation;
import dev.sidecar.instrumentation.logback.LogbackAppenderInstrumentation;
import dev.sidecar.instrumentation.logback.LogbackMdcInstrumentation;
import dev.sidecar.instrumentation.okhttp.OkHttpInstrumentation;
import dev.sidecar.instrumentation.servlet.jakarta.ServletJakartaInstrumentation;
import dev.sidecar.instrumentation.servlet.javax.ServletJavaxInstrumentation;
import dev.sidecar.instrumentation.springwebmvc.SpringWebMvcInstrumentation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Every instrumentation the agent ships, and which of them the configuration turns on. */
public final class Instrumentations {
  private Instrumentations() {}

  public static List<InstrumentationModule> all() {
    return Arrays.asList(new JdkHttpServerInstrumentation(), new JdkHttpClientInstrumentation(),
        new HttpUrlConnectionInstrumentation(), new ApacheHttpClient4Instrumentation(), new ApacheHttpClient5Instrumentation(),
        new OkHttpInstrumentation(),
        new ServletJavaxInstrumentation(), new ServletJakartaInstrumentation(), new SpringWebMvcInstrumentation(),
        new JavaUtilLoggingInstrumentation(), new LogbackAppenderInstrumentation(), new LogbackMdcInstrumentation(),
        new Log4jAppenderInstrumentation(), new Log4jContextDataInstrumentation(), new ExecutorsInstrumentation());
  }

  /**
   * Those enabled by {@code otel.instrumentation.<name>.enabled}, defaulting to
   * {@code otel.instrumentation.common.default-enabled} (true), as in the OpenTelemetry agent.
   */
  public static List<InstrumentationModule> enabled(AgentConfig config) {
    boolean defaultEnabled = config.getBoolean("otel.instrumentation.common.default-enabled", true);
    List<InstrumentationModule> enabled = new ArrayList<>();
    for (InstrumentationModule module : all()) {
      if (config.getBoolean("otel.instrumentation." + module.name() + ".enabled", defaultEnabled)) {
        enabled.add(module);
      }
    }
    return enabled;
  }
}
