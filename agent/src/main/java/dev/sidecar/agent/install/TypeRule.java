package dev.sidecar.agent.install;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
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
  /** The methods with code the transformers change; Byte Buddy's advice skips abstract and native ones. */
  private final ElementMatcher<? super MethodDescription> changedMethods;
  private final List<AgentBuilder.Transformer> transformers;

  private TypeRule(Set<String> internalNames, String namePrefix, ElementMatcher<? super TypeDescription> types,
      LoaderHasClass loaders, SubtypeIndex subtypes, ElementMatcher<? super MethodDescription> changedMethods,
      List<AgentBuilder.Transformer> transformers) {
    this.internalNames = internalNames;
    this.namePrefix = namePrefix;
    this.types = types;
    this.loaders = loaders;
    this.subtypes = subtypes;
    this.changedMethods = not(isAbstract()).and(not(isNative())).and(changedMethods);
    this.transformers = List.copyOf(transformers);
  }

  /** The classes of these binary names; {@code transformers} change the methods {@code changedMethods} matches. */
  static TypeRule forNamed(Set<String> binaryNames, ElementMatcher<? super MethodDescription> changedMethods,
      List<AgentBuilder.Transformer> transformers) {
    Set<String> internalNames = new HashSet<>();
    for (String name : binaryNames) {
      internalNames.add(name.replace('.', '/'));
    }
    return new TypeRule(Set.copyOf(internalNames), null, null, null, null, changedMethods, transformers);
  }

  /** The classes whose binary name starts with {@code namePrefix} and that {@code types} accepts. */
  static TypeRule forNamesStartingWith(String namePrefix, ElementMatcher<? super TypeDescription> types,
      ElementMatcher<? super MethodDescription> changedMethods, List<AgentBuilder.Transformer> transformers) {
    return new TypeRule(Set.of(), namePrefix.replace('.', '/'), types, null, null, changedMethods, transformers);
  }

  /** The classes (not interfaces) that extend or implement {@code typeName}. */
  static TypeRule forClassesOf(String typeName, ClassHeaders headers,
      ElementMatcher<? super MethodDescription> changedMethods, List<AgentBuilder.Transformer> transformers) {
    return new TypeRule(Set.of(), null, null, new LoaderHasClass(typeName), new SubtypeIndex(typeName, headers),
        changedMethods, transformers);
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

  /**
   * Whether {@code type}, being loaded or already loaded, is one of this rule's and declares a
   * method the rule changes: a servlet that only overrides {@code doGet} inherits the
   * {@code service} the rule advises, and is left as it is. It is asked only what this rule needs.
   */
  boolean matches(TransformedClass type) {
    return isOneOfItsTypes(type) && !type.description().getDeclaredMethods().filter(changedMethods).isEmpty();
  }

  private boolean isOneOfItsTypes(TransformedClass type) {
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
