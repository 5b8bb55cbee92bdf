package dev.sidecar.agent.install;

import dev.sidecar.agent.AgentLog;
import dev.sidecar.bootstrap.AgentErrors;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** Counts transformed classes and transformation errors; prints each in debug mode. */
public final class TransformationCounter extends AgentBuilder.Listener.Adapter {
  private final AtomicLong transformed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  @Override
  public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
      DynamicType dynamicType) {
    transformed.incrementAndGet();
    AgentLog.debug("instrumented " + type.getName() + (loaded ? " (retransformed)" : ""));
  }

  @Override
  public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
    errors.incrementAndGet();
    AgentErrors.record(error);
    AgentLog.warn("could not instrument " + typeName + " (" + error + "); it runs untraced");
  }

  public long transformed() {
    return transformed.get();
  }

  public long errors() {
    return errors.get();
  }
}
