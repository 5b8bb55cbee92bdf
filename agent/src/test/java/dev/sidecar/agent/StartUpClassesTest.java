package dev.sidecar.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The preload list stays true to the code: a class renamed or removed, after an upgrade of Byte
 * Buddy say, fails here.
 */
class StartUpClassesTest {
  private static List<String> listed() throws IOException {
    try (InputStream in = StartUpClassesTest.class.getResourceAsStream("start-up-classes.txt")) {
      List<String> names = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.trim());
        }
      }
      return names;
    }
  }

  @Test
  void everyListedClassExistsAndIsListedOnce() throws IOException {
    List<String> names = listed();
    assertTrue(names.size() > 100, "only " + names.size() + " classes listed");
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      try {
        Class.forName(name, false, StartUpClassesTest.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        missing.add(name);
      }
    }
    assertEquals(List.of(), missing);
    Set<String> seen = new HashSet<>();
    List<String> twice = new ArrayList<>();
    for (String name : names) {
      if (!seen.add(name)) {
        twice.add(name);
      }
    }
    assertEquals(List.of(), twice);
  }

  @Test
  void noLauncherOrExporterClassIsListed() throws IOException {
    for (String name : listed()) {
      assertTrue(!name.startsWith("dev.sidecar.launcher.") && !name.startsWith("io.opentelemetry.")
          && !name.startsWith("okhttp3.") && !name.startsWith("kotlin."), name);
    }
  }
}
