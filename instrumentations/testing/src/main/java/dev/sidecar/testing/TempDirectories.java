package dev.sidecar.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Work directories for embedded servers, removed again when a test is done with them. */
public final class TempDirectories {
  private TempDirectories() {}

  /**
   * Deletes an embedded Tomcat's base directory, and clears the {@code catalina.home} and
   * {@code catalina.base} system properties, which Tomcat set to it: the next Tomcat started in the
   * same JVM would otherwise take the deleted directory as its home, and create it again.
   */
  public static void deleteTomcatBase(Path base) {
    System.clearProperty("catalina.home");
    System.clearProperty("catalina.base");
    delete(base);
  }

  public static void delete(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
