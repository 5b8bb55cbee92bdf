package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcFilesTest {

  @Test
  void cpuTicksAreUserPlusSystemTime() {
    String stat = "4711 (java) S 1 4711 4711 0 -1 4194560 52134 0 3 0 1234 567 0 0 20 0 31 0 1000 9000000 50000";
    assertEquals(1234 + 567, ProcFiles.cpuTicks(stat));
  }

  @Test
  void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
    String stat = "4711 (my (odd) app) R 1 4711 4711 0 -1 4194560 52134 0 3 0 10 20 0 0 20 0 31 0 1000 9000000 50000";
    assertEquals(30, ProcFiles.cpuTicks(stat));
  }

  @Test
  void vmRssIsReadInKilobytes() {
    String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t  100000 kB\n";
    assertEquals(123456, ProcFiles.vmRssKb(status));
  }

  @Test
  void statusWithoutVmRssIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ProcFiles.vmRssKb("Name:\tkthreadd\n"));
  }

  @Test
  void aCpuIsIdleForItsIdleAndIowaitTicks() {
    String before = "cpu  900 0 300 1800 10 0 40 0 0 0\ncpu0 500 0 200 1000 0 0 30 0 0 0\n"
        + "cpu1 400 0 100 800 10 0 10 0 0 0\nintr 12345\n";
    String after = "cpu  1300 0 400 1900 10 0 90 0 0 0\ncpu0 800 0 250 1020 5 0 75 0 0 0\n"
        + "cpu1 500 0 150 880 10 0 15 0 0 0\nintr 23456\n";
    ProcFiles.CpuTicks cpu0 = ProcFiles.cpuTicksOf(before, 0);
    assertEquals(new ProcFiles.CpuTicks(1000, 1730), cpu0);
    // 420 ticks passed on CPU 0: 300 user, 50 system, 20 idle, 5 iowait, 45 softirq.
    assertEquals(100.0 * 25 / 420, ProcFiles.cpuTicksOf(after, 0).idlePercentSince(cpu0), 1e-9);
    assertEquals(100.0 * 80 / 235, ProcFiles.cpuTicksOf(after, 1).idlePercentSince(ProcFiles.cpuTicksOf(before, 1)), 1e-9);
  }

  @Test
  void aCpuThatIsNotThereIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> ProcFiles.cpuTicksOf("cpu  1 2 3 4\ncpu0 1 2 3 4 0 0 0 0\n", 1));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void theRunningJvmCanBeMeasured() {
    long pid = ProcessHandle.current().pid();
    ProcFiles.cpuTicks(pid);
    assertEquals(true, ProcFiles.rssKb(pid) > 0);
  }
}
