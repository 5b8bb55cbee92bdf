package dev.sidecar.agent.export.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.ProxyOptions;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Which sender the SDK's OTLP/HTTP exporter gets from the provider. */
class KeepAliveHttpSenderProviderTest {
  @Test
  void theKeepAliveSenderUnlessAProxyIsSet() throws Exception {
    assertEquals(KeepAliveHttpSender.class.getName(), senderOf(builder()));
    assertEquals("io.opentelemetry.exporter.sender.okhttp.internal.OkHttpHttpSender",
        senderOf(builder().setProxy(ProxyOptions.create(new InetSocketAddress("127.0.0.1", 3128)))));
  }

  @SuppressWarnings("unchecked")
  private static OtlpHttpSpanExporterBuilder builder() {
    ComponentLoader onlyOurs = new ComponentLoader() {
      @Override
      public <T> Iterable<T> load(Class<T> type) {
        return type == HttpSenderProvider.class
            ? (Iterable<T>) Collections.singletonList(new KeepAliveHttpSenderProvider())
            : ComponentLoader.forClassLoader(getClass().getClassLoader()).load(type);
      }
    };
    return OtlpHttpSpanExporter.builder().setComponentLoader(onlyOurs);
  }

  private static String senderOf(OtlpHttpSpanExporterBuilder builder) throws ReflectiveOperationException {
    OtlpHttpSpanExporter exporter = builder.build();
    try {
      return read(read(exporter, "delegate"), "httpSender").getClass().getName();
    } finally {
      exporter.shutdown();
    }
  }

  private static Object read(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }
}
