package dev.sidecar.agent.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassFilesTest {
  private static final String JUNIT_TEST = "org/junit/jupiter/api/Test";
  private final List<String> ownSearches = new ArrayList<>();

  /** A loader under the platform loader, as the application class loader is, over this test's class path. */
  private final URLClassLoader underPlatform = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader());

  @AfterEach
  void noOwnSearch() throws IOException {
    ClassFiles.useOwnSearch(null);
    underPlatform.close();
  }

  private void countingOwnSearch() {
    ClassFiles.useOwnSearch(new ClassFiles.OwnSearch() {
      @Override
      public byte[] read(ClassLoader loader, String resource) throws ReflectiveOperationException {
        ownSearches.add(resource);
        try (InputStream in = ((URLClassLoader) loader).findResource(resource).openStream()) {
          return in.readAllBytes();
        } catch (IOException e) {
          throw new ReflectiveOperationException(e);
        }
      }

      @Override
      public boolean exists(ClassLoader loader, String resource) {
        ownSearches.add(resource);
        return ((URLClassLoader) loader).findResource(resource) != null;
      }
    });
  }

  /** An own search that finds nothing, or fails with {@code failure} when not null. */
  private static ClassFiles.OwnSearch findingNothing(ReflectiveOperationException failure) {
    return new ClassFiles.OwnSearch() {
      @Override
      public byte[] read(ClassLoader loader, String resource) throws ReflectiveOperationException {
        if (failure != null) {
          throw failure;
        }
        return null;
      }

      @Override
      public boolean exists(ClassLoader loader, String resource) throws ReflectiveOperationException {
        return read(loader, resource) != null;
      }
    };
  }

  @Test
  void theApplicationClassLoadersClassPathIsReadDirectly() throws IOException {
    ClassLoader application = ClassFilesTest.class.getClassLoader();
    assertEquals(ClassLoader.getPlatformClassLoader(), application.getParent());

    ClassFiles.enableOwnSearch(ByteBuddyAgent.install());

    assertTrue(ClassFiles.searchesOwnClassPath());
    assertArrayEquals(bytesAsTheLoaderFindsThem(application, JUNIT_TEST), ClassFiles.read(application, JUNIT_TEST));
    assertTrue(ClassFiles.exists(application, JUNIT_TEST));
    assertNull(ClassFiles.read(application, "com/example/Missing"));
    assertFalse(ClassFiles.exists(application, "com/example/Missing"));
  }

  @Test
  void aLibraryClassUnderThePlatformLoaderComesFromTheLoadersOwnSearch() throws IOException {
    countingOwnSearch();
    byte[] bytes = ClassFiles.read(underPlatform, JUNIT_TEST);
    assertEquals(List.of(JUNIT_TEST + ".class"), ownSearches);
    assertArrayEquals(bytesAsTheLoaderFindsThem(underPlatform, JUNIT_TEST), bytes);
  }

  @Test
  void aJdkClassGoesTheUsualWay() throws IOException {
    countingOwnSearch();
    byte[] bytes = ClassFiles.read(underPlatform, "java/lang/String");
    assertEquals(List.of(), ownSearches);
    assertArrayEquals(bytesAsTheLoaderFindsThem(underPlatform, "java/lang/String"), bytes);
  }

  @Test
  void aLoaderUnderAnotherLoaderGoesTheUsualWay() throws IOException {
    countingOwnSearch();
    try (URLClassLoader child = new URLClassLoader(new URL[0], underPlatform)) {
      assertNotNull(ClassFiles.read(child, JUNIT_TEST));
      assertTrue(ClassFiles.exists(child, JUNIT_TEST));
    }
    assertEquals(List.of(), ownSearches);
  }

  @Test
  void whatTheOwnSearchMissesIsLookedForTheUsualWay() {
    ClassFiles.useOwnSearch(findingNothing(null));
    assertNotNull(ClassFiles.read(underPlatform, JUNIT_TEST));
    assertTrue(ClassFiles.exists(underPlatform, JUNIT_TEST));
    assertNull(ClassFiles.read(underPlatform, "com/example/Missing"));
    assertFalse(ClassFiles.exists(underPlatform, "com/example/Missing"));
  }

  @Test
  void withoutAnOwnSearchEveryLookupGoesTheUsualWay() throws IOException {
    assertArrayEquals(bytesAsTheLoaderFindsThem(underPlatform, JUNIT_TEST), ClassFiles.read(underPlatform, JUNIT_TEST));
    assertNotNull(ClassFiles.read(null, "java/lang/String"));
  }

  @Test
  void aFailingOwnSearchFallsBackToTheUsualWay() {
    ClassFiles.useOwnSearch(findingNothing(new IllegalAccessException("not opened")));
    assertNotNull(ClassFiles.read(underPlatform, JUNIT_TEST));
  }

  private static byte[] bytesAsTheLoaderFindsThem(ClassLoader loader, String internalName) throws IOException {
    try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
      return in.readAllBytes();
    }
  }

  private static URL[] classPath() {
    String[] entries = System.getProperty("java.class.path").split(java.io.File.pathSeparator);
    List<URL> urls = new ArrayList<>();
    for (String entry : entries) {
      try {
        urls.add(new java.io.File(entry).toURI().toURL());
      } catch (java.net.MalformedURLException e) {
        throw new IllegalStateException(e);
      }
    }
    return urls.toArray(new URL[0]);
  }
}
