package dev.sidecar.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TempDirectoriesTest {
  @Test
  void aTomcatBaseGoesWithTheSystemPropertiesThatWouldMakeTheNextTomcatCreateItAgain() throws Exception {
    Path base = Files.createTempDirectory("tomcat-base-test");
    Files.createDirectories(base.resolve("work/Tomcat/localhost/ROOT"));
    Files.writeString(base.resolve("work/Tomcat/localhost/ROOT/session.ser"), "x");
    System.setProperty("catalina.home", base.toString());
    System.setProperty("catalina.base", base.toString());

    TempDirectories.deleteTomcatBase(base);

    assertFalse(Files.exists(base));
    assertNull(System.getProperty("catalina.home"));
    assertNull(System.getProperty("catalina.base"));
  }
}
