package dev.sidecar.agent.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class ClassHeaderTest {
  @Test
  void readsSuperclassAndInterfacesOfAJdkClass() throws IOException {
    ClassHeader header = ClassHeader.read(classFile(ArrayList.class));
    assertFalse(header.isInterface());
    assertEquals("java/util/AbstractList", header.superName);
    assertArrayEquals(new String[] {"java/util/List", "java/util/RandomAccess", "java/lang/Cloneable",
        "java/io/Serializable"}, header.interfaces);
  }

  /** Its constant pool has long and double constants, which take two entries each. */
  @Test
  void readsPastLongAndDoubleConstants() throws IOException {
    ClassHeader header = ClassHeader.read(classFile(ConcurrentHashMap.class));
    assertEquals("java/util/AbstractMap", header.superName);
    assertArrayEquals(new String[] {"java/util/concurrent/ConcurrentMap", "java/io/Serializable"}, header.interfaces);
    ClassHeader withConstants = ClassHeader.read(classFile(Constants.class));
    assertEquals("java/lang/Object", withConstants.superName);
    assertArrayEquals(new String[] {"java/lang/Runnable"}, withConstants.interfaces);
  }

  @Test
  void tellsInterfacesAndTheRoot() throws IOException {
    ClassHeader runnable = ClassHeader.read(classFile(Runnable.class));
    assertTrue(runnable.isInterface());
    assertEquals("java/lang/Object", runnable.superName);
    assertEquals(0, runnable.interfaces.length);
    assertNull(ClassHeader.read(classFile(Object.class)).superName);
  }

  /** What the agent asks before walking a class's supertypes: could it declare a method of this name. */
  @Test
  void findsAStringOfTheConstantPoolAndOnlyAWholeOne() throws IOException {
    ConstantPool pool = ConstantPool.of(classFile(Constants.class));
    assertTrue(pool.hasString(ascii("run")));
    assertTrue(pool.hasString(ascii("absent", "BIG")));
    assertFalse(pool.hasString(ascii("ru", "runs", "absent")));
    assertFalse(pool.hasString(ascii()));
  }

  private static byte[][] ascii(String... values) {
    byte[][] ascii = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      ascii[i] = values[i].getBytes(StandardCharsets.US_ASCII);
    }
    return ascii;
  }

  @Test
  void refusesWhatIsNotAClassFile() {
    assertThrows(IllegalArgumentException.class, () -> ClassHeader.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  }

  static byte[] classFile(Class<?> type) throws IOException {
    String resource = "/" + type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }

  @SuppressWarnings("unused")
  private static final class Constants implements Runnable {
    private static final long BIG = 1L << 40;
    private static final double RATIO = 0.123456789;
    private static final String TEXT = "text \u00e9";
    private long counter = BIG;

    @Override
    public void run() {
      counter += (long) (RATIO * BIG) + TEXT.length();
    }
  }
}
