package dev.sidecar.agent.install;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Which classes one transformation applies to, and what it does to them: the classes of some
 * names, the classes whose name starts alike and that a type matcher accepts, or the classes of
 * one type, decided from class file headers in the loaders that see that type. {@link RuleIndex}
 * asks {@link #mayMatch} first, from the name and loader alone.
 */
final class TypeRule {
  /** Internal names ({@code java/util/logging/Logger}); empty unless the rule is for named classes. */
  private final Set<String> internalNames;
  /** Internal form; null unless the rule is for the classes whose name starts with it. */
  private final String namePrefix;
  /** What a class whose name starts with {@link #namePrefix} must also be; null otherwise. */
  private final ElementMatcher<? super TypeDescription> types;
  /** Both null unless the rule is for the classes of a type; the loader check comes first, as it is cheaper. */
  private final LoaderHasClass loaders;
  private final SubtypeIndex subtypes;
  private final List<AgentBuilder.Transformer> transformers;

  private TypeRule(Set<String> internalNames, String namePrefix, ElementMatcher<? super TypeDescription> types,
      LoaderHasClass loaders, SubtypeIndex subtypes, List<AgentBuilder.Transformer> transformers) {
    this.internalNames = internalNames;
    this.namePrefix = namePrefix;
    this.types = types;
    this.loaders = loaders;
    this.subtypes = subtypes;
    this.transformers = List.copyOf(transformers);
  }

  /** The classes of these binary names. */
  static TypeRule forNamed(Set<String> binaryNames, List<AgentBuilder.Transformer> transformers) {
    Set<String> internalNames = new HashSet<>();
    for (String name : binaryNames) {
      internalNames.add(name.replace('.', '/'));
    }
    return new TypeRule(Set.copyOf(internalNames), null, null, null, null, transformers);
  }

  /** The classes whose binary name starts with {@code namePrefix} and that {@code types} accepts. */
  static TypeRule forNamesStartingWith(String namePrefix, ElementMatcher<? super TypeDescription> types,
      List<AgentBuilder.Transformer> transformers) {
    return new TypeRule(Set.of(), namePrefix.replace('.', '/'), types, null, null, transformers);
  }

  /** The classes (not interfaces) that extend or implement {@code typeName}. */
  static TypeRule forClassesOf(String typeName, ClassHeaders headers, List<AgentBuilder.Transformer> transformers) {
    return new TypeRule(Set.of(), null, null, new LoaderHasClass(typeName), new SubtypeIndex(typeName, headers),
        transformers);
  }

  /** The internal names of the classes this rule is for; empty when it is not for named classes. */
  Set<String> internalNames() {
    return internalNames;
  }

  /**
   * Whether a class of this name, in this loader, can match at all: false tells for sure that it
   * does not, from the name and loader alone; a rule for named classes is looked up by name instead.
   */
  boolean mayMatch(String internalName, ClassLoader loader) {
    if (namePrefix != null) {
      return internalName.startsWith(namePrefix);
    }
    return loaders != null ? loaders.matches(loader) : internalNames.contains(internalName);
  }

  /** Whether {@code type}, being loaded or already loaded, matches; it is asked only what this rule needs. */
  boolean matches(TransformedClass type) {
    if (!mayMatch(type.internalName, type.loader)) {
      return false;
    }
    if (types != null) {
      return types.matches(type.description());
    }
    if (subtypes == null) {
      return true;
    }
    return type.loaded != null
        ? subtypes.isClassOfType(type.loaded)
        : subtypes.isClassOfType(type.internalName, type.header(), type.loader);
  }

  List<AgentBuilder.Transformer> transformers() {
    return transformers;
  }
}
