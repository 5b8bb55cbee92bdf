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
    ClassFiles.useOwnSearch((loader, resource) -> {
      ownSearches.add(resource);
      return ((URLClassLoader) loader).findResource(resource);
    });
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
    ClassFiles.useOwnSearch((loader, resource) -> null);
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
    ClassFiles.useOwnSearch((loader, resource) -> {
      throw new IllegalAccessException("not opened");
    });
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
