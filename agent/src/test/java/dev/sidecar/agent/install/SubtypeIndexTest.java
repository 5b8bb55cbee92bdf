package dev.sidecar.agent.install;

import static dev.sidecar.agent.install.ClassHeaderTest.classFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationEmitter;
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
      assertTrue(index.isClassOfType(internalName(type), header(type), loader), type.getName());
    }
    for (Class<?> type : NOT_OF_TYPE) {
      assertFalse(index.isClassOfType(internalName(type), header(type), loader), type.getName());
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
    assertTrue(index.isClassOfType(internalName(Direct.class), header(Direct.class), getClass().getClassLoader()));
    assertTrue(index.isClassOfType(Direct.class));
    assertTrue(index.isClassOfType(Indirect.class));
    assertFalse(index.isClassOfType(ViaSubInterface.class));
  }

  /** A supertype whose class file the loader cannot find is taken as not of the type. */
  @Test
  void aMissingSupertypeIsNotOfTheType() throws IOException {
    SubtypeIndex index = new SubtypeIndex(MARKER, new ClassHeaders());
    ClassLoader blind = new ClassLoader(null) {};
    assertFalse(index.isClassOfType(internalName(Indirect.class), header(Indirect.class), blind));
    // Its own header names the type: nothing to look up.
    assertTrue(index.isClassOfType(internalName(Direct.class), header(Direct.class), blind));
  }

  /**
   * The JDK's classes cannot extend a library's type: their class files are not looked up (each
   * lookup searches the runtime image), and a class whose other supertypes are the JDK's is not of it.
   */
  @Test
  void theJdksSupertypesAreNotLookedUpForALibrarysType() throws IOException {
    SubtypeIndex index = new SubtypeIndex(MARKER, new ClassHeaders());
    List<String> lookedUp = new ArrayList<>();
    ClassLoader recording = new ClassLoader(getClass().getClassLoader()) {
      @Override
      public InputStream getResourceAsStream(String name) {
        lookedUp.add(name);
        return super.getResourceAsStream(name);
      }
    };
    assertFalse(index.isClassOfType(internalName(JdkBroadcaster.class), header(JdkBroadcaster.class), recording));
    assertTrue(index.isClassOfType(internalName(JdkBroadcasterMarker.class), header(JdkBroadcasterMarker.class),
        recording));
    assertEquals(List.of(internalName(JdkBroadcaster.class) + ".class"), lookedUp);
  }

  /** A type of the JDK is still found through the JDK's classes that implement it. */
  @Test
  void aJdkTypeIsFoundThroughTheJdksSupertypes() throws IOException {
    SubtypeIndex index = new SubtypeIndex(NotificationEmitter.class.getName(), new ClassHeaders());
    assertTrue(index.isClassOfType(internalName(JdkBroadcaster.class), header(JdkBroadcaster.class),
        getClass().getClassLoader()));
    assertTrue(index.isClassOfType(JdkBroadcasterMarker.class));
  }

  private static ClassHeader header(Class<?> type) throws IOException {
    return ClassHeader.read(classFile(type));
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

  /** Its supertypes are the JDK's, outside {@code java.*}. */
  static class JdkBroadcaster extends NotificationBroadcasterSupport {}

  static class JdkBroadcasterMarker extends JdkBroadcaster implements Marker {}

  static class Unrelated implements Runnable {
    @Override
    public void run() {}
  }
}
