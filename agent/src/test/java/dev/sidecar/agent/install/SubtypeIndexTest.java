package dev.sidecar.agent.install;

import static dev.sidecar.agent.install.ClassHeaderTest.classFile;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubtypeIndexTest {
  private static final String MARKER = Marker.class.getName();
  private static final List<Class<?>> OF_TYPE = List.of(Direct.class, Indirect.class, ViaSubInterface.class,
      AbstractOne.class, ExtendsAbstract.class);
  private static final List<Class<?>> NOT_OF_TYPE = List.of(Unrelated.class, SubMarker.class, Marker.class,
      Runnable.class, String.class);

  @Test
  void decidesFromClassFiles() throws IOException {
    SubtypeIndex index = new SubtypeIndex(MARKER, new ClassHeaders());
    ClassLoader loader = getClass().getClassLoader();
    for (Class<?> type : OF_TYPE) {
      assertTrue(index.isClassOfType(internalName(type), classFile(type), loader), type.getName());
    }
    for (Class<?> type : NOT_OF_TYPE) {
      assertFalse(index.isClassOfType(internalName(type), classFile(type), loader), type.getName());
    }
  }

  @Test
  void decidesLoadedClassesTheSameWay() {
    SubtypeIndex index = new SubtypeIndex(MARKER, new ClassHeaders());
    for (Class<?> type : OF_TYPE) {
      assertTrue(index.isClassOfType(type), type.getName());
    }
    for (Class<?> type : NOT_OF_TYPE) {
      assertFalse(index.isClassOfType(type), type.getName());
    }
  }

  /** A class that is the type itself counts, as Byte Buddy's supertype matcher counts it. */
  @Test
  void aClassIsOfItsOwnType() throws IOException {
    SubtypeIndex index = new SubtypeIndex(Direct.class.getName(), new ClassHeaders());
    assertTrue(index.isClassOfType(internalName(Direct.class), classFile(Direct.class), getClass().getClassLoader()));
    assertTrue(index.isClassOfType(Direct.class));
    assertTrue(index.isClassOfType(Indirect.class));
    assertFalse(index.isClassOfType(ViaSubInterface.class));
  }

  /** A supertype whose class file the loader cannot find is taken as not of the type. */
  @Test
  void aMissingSupertypeIsNotOfTheType() throws IOException {
    SubtypeIndex index = new SubtypeIndex(MARKER, new ClassHeaders());
    ClassLoader blind = new ClassLoader(null) {};
    assertFalse(index.isClassOfType(internalName(Indirect.class), classFile(Indirect.class), blind));
    // Its own header names the type: nothing to look up.
    assertTrue(index.isClassOfType(internalName(Direct.class), classFile(Direct.class), blind));
  }

  private static String internalName(Class<?> type) {
    return type.getName().replace('.', '/');
  }

  interface Marker {}

  interface SubMarker extends Marker {}

  static class Direct implements Marker {}

  static class Indirect extends Direct {}

  static class ViaSubInterface implements Runnable, SubMarker {
    @Override
    public void run() {}
  }

  abstract static class AbstractOne implements Marker {}

  static class ExtendsAbstract extends AbstractOne {}

  static class Unrelated implements Runnable {
    @Override
    public void run() {}
  }
}
