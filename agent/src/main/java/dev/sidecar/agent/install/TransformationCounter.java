package dev.sidecar.agent.install;

import dev.sidecar.agent.AgentLog;
import dev.sidecar.bootstrap.AgentErrors;
import java.util.concurrent.atomic.AtomicLong;

/** Counts transformed classes and transformation errors; prints each in debug mode. */
public final class TransformationCounter {
  private final AtomicLong transformed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  void transformed(String typeName, boolean retransformed) {
    transformed.incrementAndGet();
    AgentLog.debug("instrumented " + typeName + (retransformed ? " (retransformed)" : ""));
  }

  void failed(String typeName, Throwable error) {
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
