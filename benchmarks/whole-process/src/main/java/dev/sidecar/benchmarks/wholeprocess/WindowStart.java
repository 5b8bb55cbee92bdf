package dev.sidecar.benchmarks.wholeprocess;

import java.util.Map;

/** What the app and this driver had used when a measured window started, taken with the load going on. */
final class WindowStart {
  private static final long DRIVER_PID = ProcessHandle.current().pid();

  private final AppUnderTest jvm;
  private final boolean appPinned;
  long rssKb;
  long cpuTicks;
  Map<ThreadCpu.Kind, Long> threadTicks;
  private long driverTicks;
  private ProcFiles.CpuTicks appCpu;

  WindowStart(AppUnderTest jvm, boolean appPinned) {
    this.jvm = jvm;
    this.appPinned = appPinned;
  }

  void take() {
    rssKb = jvm.rssKb();
    cpuTicks = jvm.cpuTicks();
    threadTicks = jvm.threadTicks();
    driverTicks = ProcFiles.cpuTicks(DRIVER_PID);
    appCpu = appPinned ? ProcFiles.cpuTicksOf(CpuPinning.APP_CPU) : null;
  }

  /** The CPU this driver (load generator and receiver) used since the window started, in % of one CPU. */
  double driverCpuPercent(long ticksPerSecond, long windowNanos) {
    return 100.0 * (ProcFiles.cpuTicks(DRIVER_PID) - driverTicks) / ticksPerSecond / (windowNanos / 1e9);
  }

  /** How long the app's CPU sat idle since the window started, in %; NaN when the app is not pinned. */
  double appCpuIdlePercent() {
    return appCpuSince().idlePercent();
  }

  /** The app's CPU's ticks since the window started; none when the app is not pinned. */
  ProcFiles.CpuTicks appCpuSince() {
    return appCpu == null ? ProcFiles.CpuTicks.NONE : ProcFiles.cpuTicksOf(CpuPinning.APP_CPU).since(appCpu);
  }
}
