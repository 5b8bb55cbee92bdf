package dev.sidecar.agent.install;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.MethodMatcher;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import dev.sidecar.bootstrap.AgentErrors;
import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;

/**
 * Wires the enabled instrumentations into the JVM. Advice is inlined, never loaded into the
 * application, and every advice exception is counted by {@link AgentErrors} instead of reaching
 * the application. Classes already loaded are retransformed, so the same wiring serves
 * {@code -javaagent} and a runtime attach.
 */
public final class AgentInstaller {
  private AgentInstaller() {}

  public static InstalledTransformer install(Instrumentation instrumentation, List<InstrumentationModule> modules,
      File agentJar, TransformationCounter counter) throws IOException {
    ClassFiles.enableOwnSearch(instrumentation);
    AdviceClasses adviceClasses = new AdviceClasses(AgentJarClassFiles.open(agentJar));
    List<TypeRule> rules = new ArrayList<>();
    ClassHeaders headers = new ClassHeaders();
    for (InstrumentationModule module : modules) {
      for (TypeTransformation transformation : module.transformations()) {
        rules.add(rule(transformation, headers));
      }
    }
    AdviceTransformer transformer = new AdviceTransformer(rules, instrumentation, adviceClasses, headers, counter);
    instrumentation.addTransformer(transformer, true);
    // Classes loaded before the transformer (after a runtime attach, everything) are retransformed.
    LoadedClasses.retransform(instrumentation, transformer::matchesLoaded, counter);
    return new InstalledTransformer(instrumentation, transformer, counter);
  }

  private static TypeRule rule(TypeTransformation transformation, ClassHeaders headers) {
    MethodMatcher changed = transformation.changedMethods();
    List<TypeRule.Advice> advice = new ArrayList<>();
    for (TypeTransformation.MethodAdvice methodAdvice : transformation.advice()) {
      advice.add(new TypeRule.Advice(methodAdvice.methods(), methodAdvice.adviceClassName()));
    }
    List<CallSubstitutions.Call> calls = new ArrayList<>();
    for (TypeTransformation.CallSubstitution substitution : transformation.substitutions()) {
      calls.add(new CallSubstitutions.Call(substitution));
    }
    if (transformation.superType() != null) {
      return TypeRule.forClassesOf(transformation.superType(), headers, changed, advice, calls);
    }
    if (transformation.namePrefix() != null) {
      return TypeRule.forNamesStartingWith(transformation.namePrefix(), transformation.superClass(),
          transformation.excluded(), headers, changed, advice, calls);
    }
    return TypeRule.forNamed(transformation.names(), changed, advice, calls);
  }
}
