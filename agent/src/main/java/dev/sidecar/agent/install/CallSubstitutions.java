package dev.sidecar.agent.install;

import dev.sidecar.agent.instrumentation.TypeTransformation.CallSubstitution;
import java.security.ProtectionDomain;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.MemberSubstitution;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** Replaces calls inside a type's methods, as a transformation asks; the type's shape is unchanged. */
final class CallSubstitutions implements AgentBuilder.Transformer {
  private final List<CallSubstitution> substitutions;

  CallSubstitutions(List<CallSubstitution> substitutions) {
    this.substitutions = substitutions;
  }

  @Override
  public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
      ClassLoader loader, JavaModule module, ProtectionDomain domain) {
    for (CallSubstitution substitution : substitutions) {
      builder = builder.visit(MemberSubstitution.strict()
          .method(substitution.called())
          .replaceWith(substitution.replacement())
          .on(substitution.methods()));
    }
    return builder;
  }
}
