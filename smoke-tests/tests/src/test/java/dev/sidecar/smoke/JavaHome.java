package dev.sidecar.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A JDK the applications under test run on: the one running the tests, and every Temurin 25 installed under
 * {@code /usr/lib/jvm}. Parameterized tests take them from {@link #all()} and are named by {@link #toString()}.
 *
 * @param home the JDK's {@code java.home}, with links resolved
 * @param version its {@code java.version}, e.g. {@code 17.0.15}
 */
record JavaHome(Path home, String version) {

  private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");
  private static final String EXTRA_JDK_PREFIX = "temurin-25";
  private static final List<JavaHome> ALL = discover();

  /** The {@code @MethodSource} of every smoke test that starts applications. */
  static Stream<JavaHome> all() {
    return ALL.stream();
  }

  Path java() {
    return home.resolve("bin").resolve("java");
  }

  /** The {@code User-Agent} that this JDK's {@code java.net.http.HttpClient} sends. */
  String httpClientUserAgent() {
    return "Java-http-client/" + version;
  }

  @Override
  public String toString() {
    return "JDK " + version;
  }

  private static List<JavaHome> discover() {
    List<JavaHome> homes = new ArrayList<>();
    Path current = realPath(Path.of(System.getProperty("java.home")));
    homes.add(new JavaHome(current, System.getProperty("java.version")));
    if (Files.isDirectory(JVM_DIRECTORY)) {
      try (Stream<Path> entries = Files.list(JVM_DIRECTORY)) {
        entries
            .filter(path -> path.getFileName().toString().startsWith(EXTRA_JDK_PREFIX))
            .filter(path -> Files.isExecutable(path.resolve("bin").resolve("java")))
            .map(JavaHome::realPath)
            .distinct()
            .sorted(Comparator.naturalOrder())
            .filter(path -> !path.equals(current))
            .forEach(path -> homes.add(new JavaHome(path, releaseVersion(path))));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + JVM_DIRECTORY, e);
      }
    }
    return List.copyOf(homes);
  }

  /** JAVA_VERSION from the JDK's {@code release} file, which is its {@code java.version}. */
  private static String releaseVersion(Path home) {
    Properties release = new Properties();
    try (var in = Files.newBufferedReader(home.resolve("release"))) {
      release.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the release file of " + home, e);
    }
    String version = release.getProperty("JAVA_VERSION");
    if (version == null) {
      throw new IllegalStateException("No JAVA_VERSION in " + home.resolve("release"));
    }
    return version.replace("\"", "").trim();
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve " + path, e);
    }
  }
}
