package dev.sidecar.agent.instrumentation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The types to transform and, for each group of their methods, the advice class to inline. */
public final class TypeTransformation {
  private final ElementMatcher<? super TypeDescription> types;
  private final String superType;
  private final List<MethodAdvice> advice;
  private final List<CallSubstitution> substitutions;

  private TypeTransformation(ElementMatcher<? super TypeDescription> types, String superType,
      List<MethodAdvice> advice, List<CallSubstitution> substitutions) {
    this.types = types;
    this.superType = superType;
    this.advice = Collections.unmodifiableList(advice);
    this.substitutions = Collections.unmodifiableList(substitutions);
  }

  public static TypeTransformation forTypes(ElementMatcher<? super TypeDescription> types) {
    return new TypeTransformation(types, null, new ArrayList<>(), new ArrayList<>());
  }

  /**
   * Every class (not interface) that extends or implements {@code typeName}, in the class loaders
   * that see it. Decided from class file headers, without describing each class the application
   * loads: the way to match the implementations of a library's interface.
   */
  public static TypeTransformation forClassesOf(String typeName) {
    return new TypeTransformation(null, typeName, new ArrayList<>(), new ArrayList<>());
  }

  /** Returns a transformation that also applies {@code adviceClass} to {@code methods}. */
  public TypeTransformation advise(ElementMatcher<? super MethodDescription> methods, Class<?> adviceClass) {
    List<MethodAdvice> more = new ArrayList<>(advice);
    more.add(new MethodAdvice(methods, adviceClass.getName()));
    return new TypeTransformation(types, superType, more, new ArrayList<>(substitutions));
  }

  /**
   * Returns a transformation that also replaces, inside {@code methods}, each call of {@code called}
   * made through the type that declares it with a call of the static {@code replacement}, which
   * takes the callee first and then the call's own arguments, and returns what it returns. For
   * where advice has no hold: one call inside a long method. Both calls leave the operand stack
   * alike, so one instruction is swapped for another and nothing else in the method is touched.
   */
  public TypeTransformation replaceCalls(ElementMatcher<? super MethodDescription> methods, Method called,
      Method replacement) {
    List<CallSubstitution> more = new ArrayList<>(substitutions);
    more.add(new CallSubstitution(methods, called, replacement));
    return new TypeTransformation(types, superType, new ArrayList<>(advice), more);
  }

  /** The type whose classes {@link #forClassesOf} matches, or null. */
  public String superType() {
    return superType;
  }

  /** The types {@link #forTypes} matches, or null for a transformation {@link #forClassesOf} a type. */
  public ElementMatcher<? super TypeDescription> types() {
    return types;
  }

  public List<MethodAdvice> advice() {
    return advice;
  }

  public List<CallSubstitution> substitutions() {
    return substitutions;
  }

  /** Methods and the advice class, by name: Byte Buddy reads its bytes, never loads it. */
  public static final class MethodAdvice {
    private final ElementMatcher<? super MethodDescription> methods;
    private final String adviceClassName;

    MethodAdvice(ElementMatcher<? super MethodDescription> methods, String adviceClassName) {
      this.methods = methods;
      this.adviceClassName = adviceClassName;
    }

    public ElementMatcher<? super MethodDescription> methods() {
      return methods;
    }

    public String adviceClassName() {
      return adviceClassName;
    }
  }

  /** Calls to replace inside some methods, and the static method called instead. */
  public static final class CallSubstitution {
    private final ElementMatcher<? super MethodDescription> methods;
    private final Method called;
    private final Method replacement;

    CallSubstitution(ElementMatcher<? super MethodDescription> methods, Method called, Method replacement) {
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

    public ElementMatcher<? super MethodDescription> methods() {
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
