package dev.sidecar.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's internals (Byte Buddy, the OpenTelemetry SDK and exporter, the sidecar, the
 * advice) from entries the build hid in the agent jar under {@value #PREFIX}, with class files
 * renamed to {@value #CLASS_SUFFIX}. The application's class loaders and class-path scanners cannot
 * see them, so an application with its own OpenTelemetry, OkHttp or Kotlin keeps its own versions.
 * The parent is the platform class loader: JDK modules yes, the application no.
 */
final class SidecarClassLoader extends ClassLoader {
  static final String PREFIX = "sidecar-internal/";
  static final String CLASS_SUFFIX = ".classdata";

  static {
    registerAsParallelCapable();
  }

  private final JarFile jar;
  private final String jarUrl;
  private final ProtectionDomain protectionDomain;

  SidecarClassLoader(JarFile jar, File jarPath, ClassLoader parent) throws MalformedURLException {
    super("sidecar", parent);
    this.jar = jar;
    URL location = jarPath.toURI().toURL();
    this.jarUrl = "jar:" + location + "!/";
    this.protectionDomain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + CLASS_SUFFIX);
    if (entry == null) {
      throw new ClassNotFoundException(name);
    }
    byte[] bytes;
    try (InputStream in = jar.getInputStream(entry)) {
      bytes = readAll(in, (int) entry.getSize());
    } catch (IOException e) {
      throw new ClassNotFoundException(name, e);
    }
    int lastDot = name.lastIndexOf('.');
    if (lastDot > 0) {
      String packageName = name.substring(0, lastDot);
      if (getDefinedPackage(packageName) == null) {
        try {
          definePackage(packageName, null, null, null, null, null, null, null);
        } catch (IllegalArgumentException raced) {
          // Another thread defined it first.
        }
      }
    }
    return defineClass(name, bytes, 0, bytes.length, protectionDomain);
  }

  @Override
  protected URL findResource(String name) {
    String entryName = hiddenName(name);
    if (jar.getJarEntry(entryName) == null) {
      return null;
    }
    try {
      return new URL(jarUrl + entryName);
    } catch (MalformedURLException e) {
      return null;
    }
  }

  @Override
  protected Enumeration<URL> findResources(String name) {
    URL url = findResource(name);
    return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
  }

  private static String hiddenName(String resource) {
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    return name.endsWith(".class")
        ? PREFIX + name.substring(0, name.length() - ".class".length()) + CLASS_SUFFIX
        : PREFIX + name;
  }

  /** Reads an entry into one array of its exact size when the jar records it, as it does for ours. */
  private static byte[] readAll(InputStream in, int size) throws IOException {
    if (size >= 0) {
      byte[] bytes = in.readNBytes(size);
      if (in.read() < 0) {
        return bytes;
      }
      throw new IOException("entry longer than the " + size + " bytes its header gives");
    }
    return in.readAllBytes();
  }
}
