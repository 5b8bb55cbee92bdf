package dev.sidecar.agent.install;

import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Which classes one transformation applies to, and what it does to them: the classes a type
 * matcher accepts, or the classes of one type, decided from class file headers in the loaders that
 * see that type.
 */
final class TypeRule {
  /** Null for the classes of a type. */
  private final ElementMatcher<? super TypeDescription> types;
  /** Both null unless the rule is for the classes of a type; the loader check comes first, as it is cheaper. */
  private final LoaderHasClass loaders;
  private final SubtypeIndex subtypes;
  private final List<AgentBuilder.Transformer> transformers;

  private TypeRule(ElementMatcher<? super TypeDescription> types, LoaderHasClass loaders, SubtypeIndex subtypes,
      List<AgentBuilder.Transformer> transformers) {
    this.types = types;
    this.loaders = loaders;
    this.subtypes = subtypes;
    this.transformers = List.copyOf(transformers);
  }

  static TypeRule forTypes(ElementMatcher<? super TypeDescription> types, List<AgentBuilder.Transformer> transformers) {
    return new TypeRule(types, null, null, transformers);
  }

  /** The classes (not interfaces) that extend or implement {@code typeName}. */
  static TypeRule forClassesOf(String typeName, ClassHeaders headers, List<AgentBuilder.Transformer> transformers) {
    return new TypeRule(null, new LoaderHasClass(typeName), new SubtypeIndex(typeName, headers), transformers);
  }

  /**
   * Whether the class {@code loader} is loading (its bytes {@code classFile}) or retransforming
   * ({@code loaded} not null) matches; {@code type} describes it lazily.
   */
  boolean matches(String internalName, byte[] classFile, Class<?> loaded, TypeDescription type, ClassLoader loader) {
    if (subtypes == null) {
      return types.matches(type);
    }
    return loaders.matches(loader)
        && (loaded != null ? subtypes.isClassOfType(loaded) : subtypes.isClassOfType(internalName, classFile, loader));
  }

  /** Whether a class already loaded matches. */
  boolean matchesLoaded(Class<?> type) {
    if (subtypes == null) {
      return types.matches(TypeDescription.ForLoadedType.of(type));
    }
    return loaders.matches(type.getClassLoader()) && subtypes.isClassOfType(type);
  }

  List<AgentBuilder.Transformer> transformers() {
    return transformers;
  }
}
