package dev.sidecar.agent.instrumentation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The types to transform and, for each group of their methods, the advice class to inline. Every
 * transformation names its types or their name's start, or the type whose classes it takes: the
 * agent then tells, for most of the classes an application loads, from the name alone that none
 * applies.
 */
public final class TypeTransformation {
  /** Binary names; empty unless the types are named. */
  private final Set<String> names;
  /** Null unless the types are those whose name starts with it. */
  private final String namePrefix;
  /** The class a type whose name starts with {@link #namePrefix} must extend; null otherwise. */
  private final String superClass;
  /** Binary names of the types left out although their name starts with {@link #namePrefix}. */
  private final Set<String> excluded;
  private final String superType;
  private final List<MethodAdvice> advice;
  private final List<CallSubstitution> substitutions;

  private TypeTransformation(Set<String> names, String namePrefix, String superClass, Set<String> excluded,
      String superType, List<MethodAdvice> advice, List<CallSubstitution> substitutions) {
    this.names = names;
    this.namePrefix = namePrefix;
    this.superClass = superClass;
    this.excluded = excluded;
    this.superType = superType;
    this.advice = Collections.unmodifiableList(advice);
    this.substitutions = Collections.unmodifiableList(substitutions);
  }

  /** The types of these binary names ({@code java.util.logging.Logger}, {@code a.B$Inner}). */
  public static TypeTransformation forNamed(String... binaryNames) {
    if (binaryNames.length == 0) {
      throw new IllegalArgumentException("a transformation for named types needs at least one name");
    }
    return new TypeTransformation(Set.of(binaryNames), null, null, Set.of(), null, new ArrayList<>(), new ArrayList<>());
  }

  /**
   * The classes whose binary name starts with {@code namePrefix} and that extend {@code superClass}
   * (directly or not), other than those {@code excluded} names; the superclasses are asked only
   * about the classes of such names.
   */
  public static TypeTransformation forNamesStartingWith(String namePrefix, String superClass, String... excluded) {
    if (namePrefix.isEmpty()) {
      throw new IllegalArgumentException("a transformation for types by the start of their name needs a non-empty start");
    }
    return new TypeTransformation(Set.of(), namePrefix, superClass, Set.of(excluded), null, new ArrayList<>(),
        new ArrayList<>());
  }

  /**
   * Every class (not interface) that extends or implements {@code typeName}, in the class loaders
   * that see it. Decided from class file headers, without describing each class the application
   * loads: the way to match the implementations of a library's interface.
   */
  public static TypeTransformation forClassesOf(String typeName) {
    return new TypeTransformation(Set.of(), null, null, Set.of(), typeName, new ArrayList<>(), new ArrayList<>());
  }

  /** Returns a transformation that also applies {@code adviceClass} to {@code methods}. */
  public TypeTransformation advise(MethodMatcher methods, Class<?> adviceClass) {
    List<MethodAdvice> more = new ArrayList<>(advice);
    more.add(new MethodAdvice(methods, adviceClass.getName()));
    return new TypeTransformation(names, namePrefix, superClass, excluded, superType, more, new ArrayList<>(substitutions));
  }

  /**
   * Returns a transformation that also replaces, inside {@code methods}, each call of {@code called}
   * made through the type that declares it with a call of the static {@code replacement}, which
   * takes the callee first and then the call's own arguments, and returns what it returns. For
   * where advice has no hold: one call inside a long method. Both calls leave the operand stack
   * alike, so one instruction is swapped for another and nothing else in the method is touched.
   */
  public TypeTransformation replaceCalls(MethodMatcher methods, Method called, Method replacement) {
    List<CallSubstitution> more = new ArrayList<>(substitutions);
    more.add(new CallSubstitution(methods, called, replacement));
    return new TypeTransformation(names, namePrefix, superClass, excluded, superType, new ArrayList<>(advice), more);
  }

  /** The binary names {@link #forNamed} was given; empty for the other transformations. */
  public Set<String> names() {
    return names;
  }

  /** The start of the names {@link #forNamesStartingWith} was given, or null. */
  public String namePrefix() {
    return namePrefix;
  }

  /** The class a type {@link #forNamesStartingWith} takes must extend, or null. */
  public String superClass() {
    return superClass;
  }

  /** The binary names {@link #forNamesStartingWith} leaves out; empty for the other transformations. */
  public Set<String> excluded() {
    return excluded;
  }

  /** The type whose classes {@link #forClassesOf} matches, or null. */
  public String superType() {
    return superType;
  }

  /** The methods this transformation changes: those its advice or its call replacements are for. */
  public MethodMatcher changedMethods() {
    MethodMatcher changed = MethodMatchers.none();
    for (MethodAdvice methodAdvice : advice) {
      changed = changed.or(methodAdvice.methods());
    }
    for (CallSubstitution substitution : substitutions) {
      changed = changed.or(substitution.methods());
    }
    return changed;
  }

  public List<MethodAdvice> advice() {
    return advice;
  }

  public List<CallSubstitution> substitutions() {
    return substitutions;
  }

  /** Methods and the advice class, by name: its bytes are read from the agent jar, the class is never loaded. */
  public static final class MethodAdvice {
    private final MethodMatcher methods;
    private final String adviceClassName;

    MethodAdvice(MethodMatcher methods, String adviceClassName) {
      this.methods = methods;
      this.adviceClassName = adviceClassName;
    }

    public MethodMatcher methods() {
      return methods;
    }

    public String adviceClassName() {
      return adviceClassName;
    }
  }

  /** Calls to replace inside some methods, and the static method called instead. */
  public static final class CallSubstitution {
    private final MethodMatcher methods;
    private final Method called;
    private final Method replacement;

    CallSubstitution(MethodMatcher methods, Method called, Method replacement) {
      if (Modifier.isStatic(called.getModifiers()) || !Modifier.isStatic(replacement.getModifiers())
          || replacement.getReturnType() != called.getReturnType()
          || !Arrays.equals(replacement.getParameterTypes(), withCallee(called))) {
        throw new IllegalArgumentException(replacement + " cannot stand in for calls of " + called
            + ": it must be static, take the callee then the same arguments, and return the same type");
      }
      this.methods = methods;
      this.called = called;
      this.replacement = replacement;
    }

    private static Class<?>[] withCallee(Method called) {
      Class<?>[] parameters = called.getParameterTypes();
      Class<?>[] all = new Class<?>[parameters.length + 1];
      all[0] = called.getDeclaringClass();
      System.arraycopy(parameters, 0, all, 1, parameters.length);
      return all;
    }

    public MethodMatcher methods() {
      return methods;
    }

    public Method called() {
      return called;
    }

    public Method replacement() {
      return replacement;
    }
  }
}
