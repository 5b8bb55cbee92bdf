package dev.sidecar.agent;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Loads, without initializing, the agent's classes that its start and its first weave need, in the
 * order they need them, on a thread of its own: {@code premain} and the first class woven (which the
 * application's main thread waits for) then find most of them loaded instead of reading, parsing
 * and verifying each in turn. The list is read straight from the agent jar: no URL handler is
 * loaded on this thread, since a JDK class it loads is offered to the agent's transformer like any.
 */
final class ClassPreload implements Runnable {
  static final String LIST = "sidecar-internal/dev/sidecar/agent/start-up-classes.txt";

  private final File agentJar;
  private final ClassLoader loader;

  ClassPreload(File agentJar, ClassLoader loader) {
    this.agentJar = agentJar;
    this.loader = loader;
  }

  @Override
  public void run() {
    try (JarFile jar = new JarFile(agentJar, false)) {
      ZipEntry entry = jar.getEntry(LIST);
      if (entry == null) {
        return;
      }
      try (BufferedReader names = new BufferedReader(
          new InputStreamReader(jar.getInputStream(entry), StandardCharsets.UTF_8))) {
        for (String name = names.readLine(); name != null; name = names.readLine()) {
          load(name.trim());
        }
      }
    } catch (IOException e) {
      AgentLog.debug("could not preload the start-up classes (" + e + ")");
    }
  }

  private void load(String name) {
    if (name.isEmpty() || name.startsWith("#")) {
      return;
    }
    try {
      Class.forName(name, false, loader);
    } catch (Throwable t) {
      // Only time is lost: the class loads when first used, or is not needed.
      AgentLog.debug("did not preload " + name + " (" + t + ")");
    }
  }
}
