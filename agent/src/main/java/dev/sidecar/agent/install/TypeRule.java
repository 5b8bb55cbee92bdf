package dev.sidecar.agent.install;

import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** Which classes one transformation applies to, and what it does to them. */
final class TypeRule {
  private final ElementMatcher<? super TypeDescription> types;
  /** Checked first, as it is cheaper than most type matchers; null when any loader will do. */
  private final LoaderHasClass loaders;
  private final List<AgentBuilder.Transformer> transformers;

  TypeRule(ElementMatcher<? super TypeDescription> types, LoaderHasClass loaders,
      List<AgentBuilder.Transformer> transformers) {
    this.types = types;
    this.loaders = loaders;
    this.transformers = List.copyOf(transformers);
  }

  boolean matches(TypeDescription type, ClassLoader loader) {
    return (loaders == null || loaders.matches(loader)) && types.matches(type);
  }

  List<AgentBuilder.Transformer> transformers() {
    return transformers;
  }
}
