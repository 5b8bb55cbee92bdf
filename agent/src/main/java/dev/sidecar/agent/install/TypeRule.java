package dev.sidecar.agent.install;

import dev.sidecar.agent.instrumentation.MethodMatcher;
import dev.sidecar.agent.instrumentation.MethodShape;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which classes one transformation applies to, and what it does to them: the classes of some
 * names, the classes whose name starts alike and that extend a given class, or the classes of one
 * type, decided from class file headers in the loaders that see that type. {@link RuleIndex} asks
 * {@link #mayMatch} first, from the name and loader alone.
 */
final class TypeRule {
  /** Internal names ({@code java/util/logging/Logger}); empty unless the rule is for named classes. */
  private final Set<String> internalNames;
  /** Internal form; null unless the rule is for the classes whose name starts with it. */
  private final String namePrefix;
  /** Internal name of the class those must extend; null unless {@link #namePrefix} is set. */
  private final String superClass;
  /** Internal names left out although they start with {@link #namePrefix}. */
  private final Set<String> excluded;
  /** Both null unless the rule is for the classes of a type; the loader check comes first, as it is cheaper. */
  private final LoaderHasClass loaders;
  private final SubtypeIndex subtypes;
  private final ClassHeaders headers;
  private final MethodMatcher changedMethods;
  /** The names of the methods the rule changes, in ASCII; null when any name may be one of them. */
  private final byte[][] changedNames;
  private final List<Advice> advice;
  private final List<CallSubstitutions.Call> calls;

  /** Methods and the advice class woven into them. */
  static final class Advice {
    private final MethodMatcher methods;
    private final String adviceClassName;

    Advice(MethodMatcher methods, String adviceClassName) {
      this.methods = methods;
      this.adviceClassName = adviceClassName;
    }

    MethodMatcher methods() {
      return methods;
    }

    String adviceClassName() {
      return adviceClassName;
    }
  }

  private TypeRule(Set<String> internalNames, String namePrefix, String superClass, Set<String> excluded,
      LoaderHasClass loaders, SubtypeIndex subtypes, ClassHeaders headers, MethodMatcher changedMethods,
      List<Advice> advice, List<CallSubstitutions.Call> calls) {
    this.internalNames = internalNames;
    this.namePrefix = namePrefix;
    this.superClass = superClass;
    this.excluded = excluded;
    this.loaders = loaders;
    this.subtypes = subtypes;
    this.headers = headers;
    this.changedMethods = changedMethods;
    this.changedNames = ascii(changedMethods.names());
    this.advice = List.copyOf(advice);
    this.calls = List.copyOf(calls);
  }

  /** The classes of these binary names; the advice and calls change the methods {@code changedMethods} matches. */
  static TypeRule forNamed(Set<String> binaryNames, MethodMatcher changedMethods, List<Advice> advice,
      List<CallSubstitutions.Call> calls) {
    return new TypeRule(internal(binaryNames), null, null, Set.of(), null, null, null, changedMethods, advice, calls);
  }

  /** The classes whose binary name starts with {@code namePrefix} and that extend {@code superClass}, but the {@code excluded}. */
  static TypeRule forNamesStartingWith(String namePrefix, String superClass, Set<String> excluded,
      ClassHeaders headers, MethodMatcher changedMethods, List<Advice> advice, List<CallSubstitutions.Call> calls) {
    return new TypeRule(Set.of(), namePrefix.replace('.', '/'), superClass == null ? null : superClass.replace('.', '/'),
        internal(excluded), null, null, headers, changedMethods, advice, calls);
  }

  /** The classes (not interfaces) that extend or implement {@code typeName}. */
  static TypeRule forClassesOf(String typeName, ClassHeaders headers, MethodMatcher changedMethods,
      List<Advice> advice, List<CallSubstitutions.Call> calls) {
    return new TypeRule(Set.of(), null, null, Set.of(), new LoaderHasClass(typeName), new SubtypeIndex(typeName, headers),
        headers, changedMethods, advice, calls);
  }

  private static byte[][] ascii(Set<String> names) {
    if (names == null) {
      return null;
    }
    byte[][] ascii = new byte[names.size()][];
    int i = 0;
    for (String name : names) {
      ascii[i++] = name.getBytes(StandardCharsets.UTF_8);
    }
    return ascii;
  }

  private static Set<String> internal(Set<String> binaryNames) {
    Set<String> internalNames = new HashSet<>();
    for (String name : binaryNames) {
      internalNames.add(name.replace('.', '/'));
    }
    return Set.copyOf(internalNames);
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
      return internalName.startsWith(namePrefix) && !excluded.contains(internalName);
    }
    return loaders != null ? loaders.matches(loader) : internalNames.contains(internalName);
  }

  /**
   * Whether {@code type}, being loaded or already loaded, is one of this rule's and declares a
   * method the rule changes: a servlet that only overrides {@code doGet} inherits the
   * {@code service} the rule advises, and is left as it is. It is asked only what this rule needs.
   */
  boolean matches(TransformedClass type) {
    if (!isOneOfItsTypes(type)) {
      return false;
    }
    for (MethodShape method : type.methods()) {
      if (changes(method)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the rule changes this method: advice and call replacements go into methods with code only. */
  boolean changes(MethodShape method) {
    return !method.isInitializer() && !method.isAbstract() && !method.isNative() && changedMethods.matches(method);
  }

  private boolean isOneOfItsTypes(TransformedClass type) {
    // A class that declares no method of the names the rule changes cannot match: told from its
    // own constant pool, before any supertype's class file is read to know whether it is a servlet.
    if (!mayMatch(type.internalName, type.loader) || !type.mayDeclareMethodNamed(changedNames)) {
      return false;
    }
    if (superClass != null) {
      return type.loaded != null ? extendsClass(type.loaded) : extendsClass(type.header().superName, type.loader);
    }
    if (subtypes == null) {
      return true;
    }
    return type.loaded != null
        ? subtypes.isClassOfType(type.loaded)
        : subtypes.isClassOfType(type.internalName, type.header(), type.loader);
  }

  private boolean extendsClass(Class<?> type) {
    for (Class<?> current = type.getSuperclass(); current != null; current = current.getSuperclass()) {
      if (current.getName().replace('.', '/').equals(superClass)) {
        return true;
      }
    }
    return false;
  }

  private boolean extendsClass(String internalName, ClassLoader loader) {
    for (int depth = 0; internalName != null && depth < 64; depth++) {
      if (internalName.equals(superClass)) {
        return true;
      }
      ClassHeader header = headers.of(loader, internalName);
      internalName = header == null ? null : header.superName;
    }
    return false;
  }

  List<Advice> advice() {
    return advice;
  }

  List<CallSubstitutions.Call> calls() {
    return calls;
  }
}
