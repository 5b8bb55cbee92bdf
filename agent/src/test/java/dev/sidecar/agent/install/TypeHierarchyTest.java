package dev.sidecar.agent.install;

import static dev.sidecar.agent.install.ClassHeaderTest.classFile;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import net.bytebuddy.jar.asm.Type;
import org.junit.jupiter.api.Test;

class TypeHierarchyTest {
  /** Sees the JDK's classes only. */
  private static final ClassLoader BLIND = new ClassLoader(null) {};

  private final TypeHierarchy hierarchy =
      new TypeHierarchy(new ClassHeaders(), TypeHierarchyTest.class.getClassLoader(), null, null);

  @Test
  void aTypeFitsItsSupertypesAndNotOthers() {
    assertTrue(hierarchy.isAssignable(type(ArrayList.class), type(java.util.List.class)));
    assertTrue(hierarchy.isAssignable(type(ArrayList.class), type(java.util.AbstractCollection.class)));
    assertTrue(hierarchy.isAssignable(type(String.class), type(Object.class)));
    assertTrue(hierarchy.isAssignable(type(String[].class), type(Object.class)));
    assertFalse(hierarchy.isAssignable(type(String.class), type(Integer.class)));
    assertFalse(hierarchy.isAssignable(type(java.util.List.class), type(ArrayList.class)));
  }

  @Test
  void primitivesFitOnlyThemselves() {
    assertTrue(hierarchy.isAssignable(Type.INT_TYPE, Type.INT_TYPE));
    assertFalse(hierarchy.isAssignable(Type.INT_TYPE, Type.LONG_TYPE));
    assertFalse(hierarchy.isAssignable(Type.INT_TYPE, type(Object.class)));
  }

  /** Refused rather than guessed: the verifier would reject a wrong guess, and the class with it. */
  @Test
  void aTypeWhoseClassFileIsNotFoundDoesNotFit() {
    TypeHierarchy blind = new TypeHierarchy(new ClassHeaders(), BLIND, null, null);
    assertFalse(blind.isAssignable(type(Woven.class), type(Runnable.class)));
  }

  /** A generated class has no class file for its loader to find: its own bytes say what it is. */
  @Test
  void theClassBeingWovenIsKnownFromItsOwnBytes() throws IOException {
    String name = Type.getInternalName(Woven.class);
    TypeHierarchy woven = new TypeHierarchy(new ClassHeaders(), BLIND, name, ClassHeader.read(classFile(Woven.class)));
    assertTrue(woven.isAssignable(type(Woven.class), type(Runnable.class)));
  }

  private static Type type(Class<?> type) {
    return Type.getType(type);
  }

  static class Woven implements Runnable {
    @Override
    public void run() {}
  }
}
