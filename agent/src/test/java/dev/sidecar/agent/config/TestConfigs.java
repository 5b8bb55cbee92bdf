package dev.sidecar.agent.config;

import java.util.Collections;
import java.util.Properties;

/** Builds an {@link AgentConfig} from explicit key/value pairs only: no environment, no JVM properties. */
public final class TestConfigs {
  private TestConfigs() {}

  public static AgentConfig of(String... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("key/value pairs expected");
    }
    Properties props = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return AgentConfig.of(Collections.emptyMap(), props, null);
  }
}
