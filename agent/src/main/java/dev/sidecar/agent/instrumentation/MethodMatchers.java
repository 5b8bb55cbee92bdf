package dev.sidecar.agent.instrumentation;

import java.util.HashSet;
import java.util.Set;

/**
 * The method matchers instrumentations combine: by name, by parameters and return type (by their
 * binary names, so a library's types are never loaded to match), by modifiers. Each reads only the
 * name, access flags and descriptor of a class file's method.
 */
public final class MethodMatchers {
  private MethodMatchers() {}

  public static MethodMatcher none() {
    return new Named(Set.of());
  }

  public static MethodMatcher named(String name) {
    return new Named(Set.of(name));
  }

  public static MethodMatcher namedOneOf(String... names) {
    return new Named(Set.of(names));
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

  static MethodMatcher both(MethodMatcher first, MethodMatcher second) {
    return new MethodMatcher() {
      @Override
      public boolean matches(MethodShape method) {
        return first.matches(method) && second.matches(method);
      }

      @Override
      public Set<String> names() {
        Set<String> firstNames = first.names();
        Set<String> secondNames = second.names();
        if (firstNames == null || secondNames == null) {
          return firstNames == null ? secondNames : firstNames;
        }
        Set<String> common = new HashSet<>(firstNames);
        common.retainAll(secondNames);
        return common;
      }
    };
  }

  static MethodMatcher either(MethodMatcher first, MethodMatcher second) {
    return new MethodMatcher() {
      @Override
      public boolean matches(MethodShape method) {
        return first.matches(method) || second.matches(method);
      }

      @Override
      public Set<String> names() {
        Set<String> firstNames = first.names();
        Set<String> secondNames = second.names();
        if (firstNames == null || secondNames == null) {
          return null;
        }
        Set<String> all = new HashSet<>(firstNames);
        all.addAll(secondNames);
        return all;
      }
    };
  }

  /** The methods of these names, whatever else they are. */
  private static final class Named implements MethodMatcher {
    private final Set<String> names;

    Named(Set<String> names) {
      this.names = names;
    }

    @Override
    public boolean matches(MethodShape method) {
      return names.contains(method.name());
    }

    @Override
    public Set<String> names() {
      return names;
    }
  }
}
