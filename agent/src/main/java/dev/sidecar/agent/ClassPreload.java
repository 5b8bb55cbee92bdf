package dev.sidecar.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
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
    String names;
    try (JarFile jar = new JarFile(agentJar, false)) {
      ZipEntry entry = jar.getEntry(LIST);
      if (entry == null) {
        return;
      }
      try (InputStream in = jar.getInputStream(entry)) {
        names = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      AgentLog.debug("could not preload the start-up classes (" + e + ")");
      return;
    }
    // Split by indexOf, not a BufferedReader: its per-character loop, run over the whole list at
    // start-up, was hot enough for the JIT to compile it, CPU the application's start competes for.
    for (int start = 0; start < names.length(); ) {
      int end = names.indexOf('\n', start);
      if (end < 0) {
        end = names.length();
      }
      load(names.substring(start, end).trim());
      start = end + 1;
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
