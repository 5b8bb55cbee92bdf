package dev.sidecar.agent.install;

import java.lang.instrument.Instrumentation;

/** The agent's transformer once registered with the JVM; {@link #reset()} takes it out again. */
public final class InstalledTransformer {
  private final Instrumentation instrumentation;
  private final AdviceTransformer transformer;
  private final TransformationCounter counter;

  InstalledTransformer(Instrumentation instrumentation, AdviceTransformer transformer, TransformationCounter counter) {
    this.instrumentation = instrumentation;
    this.transformer = transformer;
    this.counter = counter;
  }

  /**
   * Unregisters the transformer, then retransforms every loaded class it matches: with no
   * transformer left to weave into them, they get their original bytecode back.
   */
  public void reset() {
    instrumentation.removeTransformer(transformer);
    LoadedClasses.retransform(instrumentation, transformer::matchesLoaded, counter);
  }
}
