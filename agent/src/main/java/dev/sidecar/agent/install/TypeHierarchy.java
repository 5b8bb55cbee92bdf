package dev.sidecar.agent.install;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.jar.asm.Type;

/**
 * Whether a value of one type can be passed where advice expects another, decided from class file
 * headers as one class loader finds them: nothing is loaded. A type whose class file is not found
 * is taken not to fit, so advice is never woven where the verifier could reject it.
 */
final class TypeHierarchy {
  private static final int MAX_TYPES = 256;
  private final ClassHeaders headers;
  private final ClassLoader loader;
  /** The class being woven, whose header comes from its bytes: a generated class has no class file to find. */
  private final String wovenName;
  private final ClassHeader wovenHeader;

  TypeHierarchy(ClassHeaders headers, ClassLoader loader, String wovenName, ClassHeader wovenHeader) {
    this.headers = headers;
    this.loader = loader;
    this.wovenName = wovenName;
    this.wovenHeader = wovenHeader;
  }

  boolean isAssignable(Type from, Type to) {
    if (from.equals(to)) {
      return true;
    }
    boolean fromReference = from.getSort() == Type.OBJECT || from.getSort() == Type.ARRAY;
    if (!fromReference || to.getSort() != Type.OBJECT) {
      return false;
    }
    String target = to.getInternalName();
    if (target.equals("java/lang/Object")) {
      return true;
    }
    if (from.getSort() == Type.ARRAY) {
      return target.equals("java/lang/Cloneable") || target.equals("java/io/Serializable");
    }
    return extendsOrImplements(from.getInternalName(), target);
  }

  private boolean extendsOrImplements(String type, String target) {
    Deque<String> next = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    next.add(type);
    while (!next.isEmpty() && seen.size() < MAX_TYPES) {
      String name = next.poll();
      if (name.equals(target)) {
        return true;
      }
      if (!seen.add(name)) {
        continue;
      }
      ClassHeader header = name.equals(wovenName) ? wovenHeader : headers.of(loader, name);
      if (header == null) {
        return false;
      }
      if (header.superName != null) {
        next.add(header.superName);
      }
      for (String implemented : header.interfaces) {
        next.add(implemented);
      }
    }
    return false;
  }
}
