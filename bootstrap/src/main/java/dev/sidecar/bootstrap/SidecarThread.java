package dev.sidecar.bootstrap;

/**
 * The type of every thread the sidecar starts. Instrumentation checks for it to stay silent on the
 * agent's own work: the agent never traces itself.
 */
public final class SidecarThread extends Thread {
  public SidecarThread(Runnable task, String name) {
    super(task, name);
    setDaemon(true);
  }

  public static boolean isCurrent() {
    return Thread.currentThread() instanceof SidecarThread;
  }
}
