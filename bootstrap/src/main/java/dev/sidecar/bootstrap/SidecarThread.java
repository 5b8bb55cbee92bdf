package dev.sidecar.bootstrap;

/**
 * The type of every thread the sidecar starts. Instrumentation checks {@link #isCurrent()} to stay
 * silent on the agent's own work: the agent never traces or captures itself. The mark is
 * inherited: threads that the sidecar's threads create (the exporter's HTTP client starts its own
 * pool, for one) count as the agent's too. Hence a rule for sidecar code: never submit work to a
 * pool the application shares (the common ForkJoinPool, say), whose threads it might create.
 */
public final class SidecarThread extends Thread {
  private static final InheritableThreadLocal<Boolean> AGENT_WORK = new InheritableThreadLocal<>();

  public SidecarThread(Runnable task, String name) {
    super(task, name);
    setDaemon(true);
  }

  @Override
  public void run() {
    AGENT_WORK.set(Boolean.TRUE);
    super.run();
  }

  public static boolean isCurrent() {
    Thread current = Thread.currentThread();
    return current instanceof SidecarThread || AGENT_WORK.get() != null;
  }
}
