package dev.sidecar.agent.export.http;

import io.opentelemetry.sdk.common.export.HttpSender;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.common.export.HttpSenderConfig;
import java.security.NoSuchAlgorithmException;
import java.util.ServiceLoader;

/**
 * The OpenTelemetry SDK's HTTP sender plug-in the agent's exporters use: {@link KeepAliveHttpSender},
 * or the sender the SDK brings (OkHttp's) for what it does not do, a proxy, so that no setting is lost.
 */
public final class KeepAliveHttpSenderProvider implements HttpSenderProvider {
  @Override
  public HttpSender createSender(HttpSenderConfig config) {
    if (config.getProxyOptions() != null) {
      for (HttpSenderProvider bundled : ServiceLoader.load(HttpSenderProvider.class, getClass().getClassLoader())) {
        if (!(bundled instanceof KeepAliveHttpSenderProvider)) {
          return bundled.createSender(config);
        }
      }
    }
    try {
      return new KeepAliveHttpSender(config);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no TLS available for " + config.getEndpoint() + ": " + e.getMessage(), e);
    }
  }
}
