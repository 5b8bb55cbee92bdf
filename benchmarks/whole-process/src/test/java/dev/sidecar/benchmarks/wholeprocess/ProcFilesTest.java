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
  @EnabledOnOs(OS.LINUX)
  void theRunningJvmCanBeMeasured() {
    long pid = ProcessHandle.current().pid();
    ProcFiles.cpuTicks(pid);
    assertEquals(true, ProcFiles.rssKb(pid) > 0);
  }
}
