package dev.sidecar.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import dev.sidecar.bootstrap.AgentErrors;
import dev.sidecar.bootstrap.SpanRecord;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;

/**
 * Wires the enabled instrumentations into Byte Buddy. Advice is inlined, never loaded into the
 * application, and every advice exception is counted by {@link AgentErrors} instead of reaching
 * the application. Classes already loaded are retransformed, so the same wiring serves
 * {@code -javaagent} and a runtime attach.
 */
public final class AgentInstaller {
  private static final String SAFE_PROPERTY = "net.bytebuddy.safe";
  private static final int RETRANSFORMATION_BATCH_SIZE = 16;

  private AgentInstaller() {}

  public static ResettableClassFileTransformer install(Instrumentation instrumentation,
      List<InstrumentationModule> modules, File agentJar, TransformationCounter counter) throws IOException {
    ClassLoader sidecarLoader = AgentInstaller.class.getClassLoader();
    // Advice bytes come from the sidecar loader's hidden entries; bootstrap classes from the jar's root.
    ClassFileLocator adviceLocator = new ClassFileLocator.Compound(
        ClassFileLocator.ForClassLoader.of(sidecarLoader), ClassFileLocator.ForJarFile.of(agentJar));
    Advice.ExceptionHandler countErrors = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
        new MethodDescription.ForLoadedMethod(recordMethod())));

    AgentBuilder builder = newAgentBuilder()
        .disableClassFormatChanges()
        // Advice and call substitutions only rewrite method bodies: decorating skips building each
        // type's method graph, which a redefinition would compute for nothing.
        .with(AgentBuilder.TypeStrategy.Default.DECORATE)
        // Classes loaded before the transformer (java.util.logging.Logger is loaded while the agent
        // starts; after a runtime attach, everything) are retransformed. Described from their Class
        // objects, matching them by name costs little.
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(retransformationBatches())
        .with(betweenBatches())
        // Loaded classes are described from their Class objects; classes being loaded, from their bytes.
        .with(AgentBuilder.DescriptionStrategy.Default.HYBRID)
        // Parsed types are kept per loader between classes, so supertype walks parse each type once;
        // the loader itself is held weakly, so the cache never keeps one alive.
        .with(new TypePoolCache())
        .with(AgentBuilder.LocationStrategy.ForClassLoader.WEAK)
        .with(counter)
        // The default ignores every JDK class; the agent instruments some, so it names its own set.
        .ignore(nameStartsWith("net.bytebuddy.")
            .or(nameStartsWith("dev.sidecar."))
            .or(nameStartsWith("jdk.internal.reflect."))
            .or(nameStartsWith("java.lang.invoke.")))
        .or(any(), is(sidecarLoader))
        // Advice inlined into JDK modules calls bootstrap classes, which those modules do not read.
        .assureReadEdgeTo(instrumentation, SpanRecord.class);
    for (InstrumentationModule module : modules) {
      for (TypeTransformation transformation : module.transformations()) {
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
            .include(adviceLocator)
            .withExceptionHandler(countErrors);
        for (TypeTransformation.MethodAdvice methodAdvice : transformation.advice()) {
          advice = advice.advice(methodAdvice.methods(), methodAdvice.adviceClassName());
        }
        AgentBuilder.Identified.Extendable typed = transformation.requiredClass() == null
            ? builder.type(transformation.types()).transform(advice)
            : builder.type(transformation.types(), new LoaderHasClass(transformation.requiredClass())).transform(advice);
        builder = transformation.substitutions().isEmpty() ? typed
            : typed.transform(new CallSubstitutions(transformation.substitutions()));
      }
    }
    return builder.installOn(instrumentation);
  }

  /**
   * Our Byte Buddy never injects classes, so it is told so while its class injectors initialize:
   * that keeps it off {@code sun.misc.Unsafe}, which JDK 24 and later warn about on stderr. The
   * property is restored at once; an application's own Byte Buddy has its own classes and reads it
   * for itself.
   */
  private static AgentBuilder newAgentBuilder() {
    String previous = System.getProperty(SAFE_PROPERTY);
    System.setProperty(SAFE_PROPERTY, "true");
    try {
      // Advice and call substitutions visit a type's own methods only, so the type's full method
      // graph (inherited and overridden methods) is never needed; nor is validating types Byte Buddy
      // only decorates. Both cost time on every class transformed.
      return new AgentBuilder.Default(new ByteBuddy()
          .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
          .with(TypeValidation.DISABLED));
    } finally {
      if (previous == null) {
        System.clearProperty(SAFE_PROPERTY);
      } else {
        System.setProperty(SAFE_PROPERTY, previous);
      }
    }
  }

  /**
   * Classes are retransformed a few at a time: each batch stops the application's threads at a
   * safepoint, and a short one keeps a runtime attach (or detach) from stalling requests.
   */
  public static AgentBuilder.RedefinitionStrategy.BatchAllocator retransformationBatches() {
    return AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(RETRANSFORMATION_BATCH_SIZE);
  }

  /** Lets the application's threads run between two batches. */
  public static AgentBuilder.RedefinitionStrategy.Listener betweenBatches() {
    return AgentBuilder.RedefinitionStrategy.Listener.Yielding.INSTANCE;
  }

  private static java.lang.reflect.Method recordMethod() {
    try {
      return AgentErrors.class.getMethod("record", Throwable.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
