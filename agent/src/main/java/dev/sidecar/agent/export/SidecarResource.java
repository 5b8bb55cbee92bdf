package dev.sidecar.agent.export;

import dev.sidecar.agent.config.AgentConfig;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.autoconfigure.ResourceConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;

/**
 * The resource every span carries: the SDK's defaults, the process and runtime, then
 * {@code otel.service.name} and {@code otel.resource.attributes} read by the SDK's own code.
 */
public final class SidecarResource {
  private SidecarResource() {}

  public static Resource create(AgentConfig config, String agentVersion) {
    Attributes process = Attributes.builder()
        .put("telemetry.distro.name", "sidecar")
        .put("telemetry.distro.version", agentVersion)
        .put("process.pid", ProcessHandle.current().pid())
        .put("process.runtime.name", System.getProperty("java.runtime.name", "unknown"))
        .put("process.runtime.version", System.getProperty("java.runtime.version", "unknown"))
        .build();
    Resource environment = ResourceConfiguration.createEnvironmentResource(
        DefaultConfigProperties.createFromMap(config.asMap()));
    return Resource.getDefault().merge(Resource.create(process)).merge(environment);
  }
}
