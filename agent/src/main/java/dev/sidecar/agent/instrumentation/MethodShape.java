package dev.sidecar.agent.instrumentation;

import java.lang.reflect.Modifier;

/**
 * A method as its class file declares it: access flags, name and descriptor. What method matchers
 * look at; parameter and return types are read from the descriptor only when a matcher asks.
 */
public final class MethodShape {
  private final int access;
  private final String name;
  private final String descriptor;
  private String[] parameterTypes;
  private String returnType;

  public MethodShape(int access, String name, String descriptor) {
    this.access = access;
    this.name = name;
    this.descriptor = descriptor;
  }

  public int access() {
    return access;
  }

  public String name() {
    return name;
  }

  /** As in the class file: {@code (Ljava/lang/Runnable;)V}. */
  public String descriptor() {
    return descriptor;
  }

  public boolean isPublic() {
    return Modifier.isPublic(access);
  }

  public boolean isAbstract() {
    return Modifier.isAbstract(access);
  }

  public boolean isNative() {
    return Modifier.isNative(access);
  }

  /** Constructors and type initializers: advice is never woven into them. */
  public boolean isInitializer() {
    return name.startsWith("<");
  }

  public int parameterCount() {
    return parameterTypes().length;
  }

  /** The binary name of parameter {@code index}'s type: {@code java.lang.Runnable}, {@code int}, {@code byte[]}. */
  public String parameterType(int index) {
    return parameterTypes()[index];
  }

  /** The binary name of the return type, {@code void} for none. */
  public String returnType() {
    if (returnType == null) {
      returnType = typeName(descriptor, descriptor.indexOf(')') + 1);
    }
    return returnType;
  }

  private String[] parameterTypes() {
    if (parameterTypes == null) {
      parameterTypes = parseParameters(descriptor);
    }
    return parameterTypes;
  }

  private static String[] parseParameters(String descriptor) {
    java.util.List<String> types = new java.util.ArrayList<>();
    int at = 1;
    while (descriptor.charAt(at) != ')') {
      types.add(typeName(descriptor, at));
      at = skipType(descriptor, at);
    }
    return types.toArray(new String[0]);
  }

  private static int skipType(String descriptor, int at) {
    while (descriptor.charAt(at) == '[') {
      at++;
    }
    return descriptor.charAt(at) == 'L' ? descriptor.indexOf(';', at) + 1 : at + 1;
  }

  private static String typeName(String descriptor, int at) {
    int dimensions = 0;
    while (descriptor.charAt(at) == '[') {
      dimensions++;
      at++;
    }
    String element;
    switch (descriptor.charAt(at)) {
      case 'Z': element = "boolean"; break;
      case 'B': element = "byte"; break;
      case 'C': element = "char"; break;
      case 'S': element = "short"; break;
      case 'I': element = "int"; break;
      case 'J': element = "long"; break;
      case 'F': element = "float"; break;
      case 'D': element = "double"; break;
      case 'V': element = "void"; break;
      default: element = descriptor.substring(at + 1, descriptor.indexOf(';', at)).replace('/', '.');
    }
    StringBuilder name = new StringBuilder(element);
    for (int i = 0; i < dimensions; i++) {
      name.append("[]");
    }
    return name.toString();
  }

  @Override
  public String toString() {
    return name + descriptor;
  }
}
