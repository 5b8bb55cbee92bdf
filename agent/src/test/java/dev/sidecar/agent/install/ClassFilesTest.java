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

  /** An own search over a URLClassLoader's own URLs, as the class path search is over the application loader's. */
  private void countingOwnSearch() {
    ClassFiles.useOwnSearch(new ClassFiles.OwnSearch() {
      @Override
      public boolean covers(ClassLoader loader) {
        return loader == underPlatform;
      }

      @Override
      public byte[] read(ClassLoader loader, String resource) throws ReflectiveOperationException {
        ownSearches.add(resource);
        URL found = ((URLClassLoader) loader).findResource(resource);
        if (found == null) {
          return null;
        }
        try (InputStream in = found.openStream()) {
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

  /** An own search that covers every loader and fails with {@code failure}. */
  private static ClassFiles.OwnSearch failing(ReflectiveOperationException failure) {
    return new ClassFiles.OwnSearch() {
      @Override
      public boolean covers(ClassLoader loader) {
        return true;
      }

      @Override
      public byte[] read(ClassLoader loader, String resource) throws ReflectiveOperationException {
        throw failure;
      }

      @Override
      public boolean exists(ClassLoader loader, String resource) throws ReflectiveOperationException {
        throw failure;
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
  void whatTheOwnSearchDoesNotFindIsMissing() {
    countingOwnSearch();
    assertNull(ClassFiles.read(underPlatform, "com/example/Missing"));
    assertFalse(ClassFiles.exists(underPlatform, "com/example/Missing"));
    assertEquals(List.of("com/example/Missing.class", "com/example/Missing.class"), ownSearches);
  }

  @Test
  void aLoaderTheOwnSearchDoesNotCoverGoesTheUsualWay() throws IOException {
    countingOwnSearch();
    try (URLClassLoader other = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
      assertArrayEquals(bytesAsTheLoaderFindsThem(other, JUNIT_TEST), ClassFiles.read(other, JUNIT_TEST));
      assertTrue(ClassFiles.exists(other, JUNIT_TEST));
    }
    assertEquals(List.of(), ownSearches);
  }

  @Test
  void withoutAnOwnSearchEveryLookupGoesTheUsualWay() throws IOException {
    assertArrayEquals(bytesAsTheLoaderFindsThem(underPlatform, JUNIT_TEST), ClassFiles.read(underPlatform, JUNIT_TEST));
    assertNotNull(ClassFiles.read(null, "java/lang/String"));
  }

  @Test
  void aFailingOwnSearchFallsBackToTheUsualWay() throws IOException {
    ClassFiles.useOwnSearch(failing(new IllegalAccessException("not opened")));
    assertArrayEquals(bytesAsTheLoaderFindsThem(underPlatform, JUNIT_TEST), ClassFiles.read(underPlatform, JUNIT_TEST));
    assertTrue(ClassFiles.exists(underPlatform, JUNIT_TEST));
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
