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
  /** Decides in place of {@link #types} when the rule is for the classes of one type; else null. */
  private final SubtypeIndex subtypes;
  private final List<AgentBuilder.Transformer> transformers;

  TypeRule(ElementMatcher<? super TypeDescription> types, LoaderHasClass loaders, SubtypeIndex subtypes,
      List<AgentBuilder.Transformer> transformers) {
    this.types = types;
    this.loaders = loaders;
    this.subtypes = subtypes;
    this.transformers = List.copyOf(transformers);
  }

  /**
   * Whether the class {@code loader} is loading (its bytes {@code classFile}) or retransforming
   * ({@code loaded} not null) matches; {@code type} describes it lazily.
   */
  boolean matches(String internalName, byte[] classFile, Class<?> loaded, TypeDescription type, ClassLoader loader) {
    if (loaders != null && !loaders.matches(loader)) {
      return false;
    }
    if (subtypes == null) {
      return types.matches(type);
    }
    return loaded != null ? subtypes.isClassOfType(loaded) : subtypes.isClassOfType(internalName, classFile, loader);
  }

  /** Whether a class already loaded matches. */
  boolean matchesLoaded(Class<?> type) {
    if (loaders != null && !loaders.matches(type.getClassLoader())) {
      return false;
    }
    return subtypes != null ? subtypes.isClassOfType(type) : types.matches(TypeDescription.ForLoadedType.of(type));
  }

  List<AgentBuilder.Transformer> transformers() {
    return transformers;
  }
}
