package dev.sidecar.agent.install;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import dev.sidecar.bootstrap.AgentErrors;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.member.MethodInvocation;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Wires the enabled instrumentations into the JVM. Advice is inlined, never loaded into the
 * application, and every advice exception is counted by {@link AgentErrors} instead of reaching
 * the application. Classes already loaded are retransformed, so the same wiring serves
 * {@code -javaagent} and a runtime attach.
 */
public final class AgentInstaller {
  private static final String SAFE_PROPERTY = "net.bytebuddy.safe";

  private AgentInstaller() {}

  public static InstalledTransformer install(Instrumentation instrumentation, List<InstrumentationModule> modules,
      File agentJar, TransformationCounter counter) throws IOException {
    ClassFiles.enableOwnSearch(instrumentation);
    ClassFileLocator adviceLocator = AgentJarClassFiles.open(agentJar);
    Advice.ExceptionHandler countErrors = new Advice.ExceptionHandler.Simple(MethodInvocation.invoke(
        new MethodDescription.ForLoadedMethod(recordMethod())));

    List<TypeRule> rules = new ArrayList<>();
    ClassHeaders headers = new ClassHeaders();
    for (InstrumentationModule module : modules) {
      for (TypeTransformation transformation : module.transformations()) {
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice()
            .include(adviceLocator)
            .withExceptionHandler(countErrors);
        for (TypeTransformation.MethodAdvice methodAdvice : transformation.advice()) {
          advice = advice.advice(methodAdvice.methods(), methodAdvice.adviceClassName());
        }
        List<AgentBuilder.Transformer> transformers = new ArrayList<>();
        transformers.add(advice);
        if (!transformation.substitutions().isEmpty()) {
          transformers.add(new CallSubstitutions(transformation.substitutions()));
        }
        rules.add(rule(transformation, headers, transformers));
      }
    }
    AdviceTransformer transformer = new AdviceTransformer(rules, instrumentation, byteBuddy(), counter);
    instrumentation.addTransformer(transformer, true);
    // Classes loaded before the transformer (after a runtime attach, everything) are retransformed.
    LoadedClasses.retransform(instrumentation, transformer::matchesLoaded, counter);
    return new InstalledTransformer(instrumentation, transformer, counter);
  }

  private static TypeRule rule(TypeTransformation transformation, ClassHeaders headers,
      List<AgentBuilder.Transformer> transformers) {
    ElementMatcher<? super MethodDescription> changed = transformation.changedMethods();
    if (transformation.superType() != null) {
      return TypeRule.forClassesOf(transformation.superType(), headers, changed, transformers);
    }
    if (transformation.namePrefix() != null) {
      return TypeRule.forNamesStartingWith(transformation.namePrefix(), transformation.types(), changed, transformers);
    }
    return TypeRule.forNamed(transformation.names(), changed, transformers);
  }

  /**
   * Byte Buddy as the agent needs it: it only decorates method bodies, so no class's shape changes
   * (no added members, no type initializer), a type's full method graph is never computed (advice
   * and call substitutions visit a type's own methods), and nothing is validated that is not new.
   * Our Byte Buddy never injects classes, so it is told so while its class injectors initialize:
   * that keeps it off {@code sun.misc.Unsafe}, which JDK 24 and later warn about on stderr. The
   * property is restored at once; an application's own Byte Buddy has its own classes and reads it
   * for itself.
   */
  private static ByteBuddy byteBuddy() {
    String previous = System.getProperty(SAFE_PROPERTY);
    System.setProperty(SAFE_PROPERTY, "true");
    try {
      return new ByteBuddy()
          .with(Implementation.Context.Disabled.Factory.INSTANCE)
          .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
          .with(TypeValidation.DISABLED);
    } finally {
      if (previous == null) {
        System.clearProperty(SAFE_PROPERTY);
      } else {
        System.setProperty(SAFE_PROPERTY, previous);
      }
    }
  }

  private static java.lang.reflect.Method recordMethod() {
    try {
      return AgentErrors.class.getMethod("record", Throwable.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
