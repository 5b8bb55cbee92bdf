package dev.sidecar.agent.instrumentation;

import java.util.Set;

/**
 * The method matchers instrumentations combine: by name, by parameters and return type (by their
 * binary names, so a library's types are never loaded to match), by modifiers. Each reads only the
 * name, access flags and descriptor of a class file's method.
 */
public final class MethodMatchers {
  private MethodMatchers() {}

  public static MethodMatcher none() {
    return method -> false;
  }

  public static MethodMatcher named(String name) {
    return method -> method.name().equals(name);
  }

  public static MethodMatcher namedOneOf(String... names) {
    Set<String> set = Set.of(names);
    return method -> set.contains(method.name());
  }

  public static MethodMatcher nameStartsWith(String prefix) {
    return method -> method.name().startsWith(prefix);
  }

  public static MethodMatcher isPublic() {
    return MethodShape::isPublic;
  }

  public static MethodMatcher isAbstract() {
    return MethodShape::isAbstract;
  }

  public static MethodMatcher not(MethodMatcher matcher) {
    return method -> !matcher.matches(method);
  }

  public static MethodMatcher takesArguments(int count) {
    return method -> method.parameterCount() == count;
  }

  /** Exactly these parameter types, in this order. */
  public static MethodMatcher takesArguments(Class<?>... types) {
    String[] names = new String[types.length];
    for (int i = 0; i < types.length; i++) {
      names[i] = types[i].getTypeName();
    }
    return method -> {
      if (method.parameterCount() != names.length) {
        return false;
      }
      for (int i = 0; i < names.length; i++) {
        if (!method.parameterType(i).equals(names[i])) {
          return false;
        }
      }
      return true;
    };
  }

  /** Parameter {@code index} is of the type of this binary name ({@code java.util.concurrent.Callable}). */
  public static MethodMatcher takesArgument(int index, String typeName) {
    return method -> method.parameterCount() > index && method.parameterType(index).equals(typeName);
  }

  public static MethodMatcher takesArgument(int index, Class<?> type) {
    return takesArgument(index, type.getTypeName());
  }

  /** Returns the type of this binary name ({@code void} for none). */
  public static MethodMatcher returns(String typeName) {
    return method -> method.returnType().equals(typeName);
  }
}
