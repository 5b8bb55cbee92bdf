package dev.sidecar.bootstrap;

/**
 * The type of every thread the sidecar starts. Instrumentation checks {@link #isCurrent()} to stay
 * silent on the agent's own work: the agent never traces or captures itself. The mark is
 * inherited: threads that the sidecar's threads create (the exporter's HTTP client starts its own
 * pool, for one) count as the agent's too. Hence a rule for sidecar code: never submit work to a
 * pool the application shares (the common ForkJoinPool, say), whose threads it might create.
 */
public final class SidecarThread extends Thread {
  /*
   * The mark is the thread group, which a new thread takes from the thread that creates it. An
   * InheritableThreadLocal would inherit as well, but loading that class costs the whole JVM: it
   * overrides ThreadLocal.getMap, so the JIT can no longer bind that call in every
   * ThreadLocal.get (the JDK's socket reads and writes, the app's own) to its one implementation.
   */
  private static final ThreadGroup GROUP = new ThreadGroup(rootGroup(), "sidecar");

  public SidecarThread(Runnable task, String name) {
    super(GROUP, task, name);
    setDaemon(true);
  }

  /** Whether the calling thread is the sidecar's, or was created by one of its threads. */
  public static boolean isCurrent() {
    return Thread.currentThread().getThreadGroup() == GROUP;
  }

  /** The root of the thread groups: the sidecar's group belongs to no group the application made. */
  private static ThreadGroup rootGroup() {
    ThreadGroup group = Thread.currentThread().getThreadGroup();
    while (group.getParent() != null) {
      group = group.getParent();
    }
    return group;
  }
}
