package dev.sidecar.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPreloadTest {
  /** Records each class asked of it, and finds only what its parent finds. */
  private static final class RecordingLoader extends ClassLoader {
    final List<String> asked = new CopyOnWriteArrayList<>();

    RecordingLoader() {
      super(ClassPreloadTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      asked.add(name);
      return super.loadClass(name, resolve);
    }
  }

  private static File jarWithList(Path dir, String list) throws IOException {
    File jar = dir.resolve("agent.jar").toFile();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar.toPath()))) {
      out.putNextEntry(new JarEntry(ClassPreload.LIST));
      out.write(list.getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void loadsEveryListedClassInOrderSkippingCommentsBlanksAndMissingOnes(@TempDir Path dir) throws IOException {
    File jar = jarWithList(dir, "# a comment\njava.util.BitSet\n\nno.such.Thing\n  java.util.StringJoiner  \n");
    RecordingLoader loader = new RecordingLoader();

    new ClassPreload(jar, loader).run();

    assertEquals(List.of("java.util.BitSet", "no.such.Thing", "java.util.StringJoiner"), loader.asked);
  }

  @Test
  void aJarWithoutTheListLoadsNothing(@TempDir Path dir) throws IOException {
    File jar = dir.resolve("empty.jar").toFile();
    try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar.toPath()))) {
      // no entries
    }
    RecordingLoader loader = new RecordingLoader();

    new ClassPreload(jar, loader).run();

    assertEquals(List.of(), loader.asked);
  }
}
