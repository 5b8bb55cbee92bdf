package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.bootstrap.SidecarThread;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ExporterLogFilterTest {

  @Test
  void everyFilteredLoggerIsNamedAfterAClassOfTheExporterWeShip() throws Exception {
    for (String name : ExporterLogFilter.LOGGERS) {
      // A renamed class in a new SDK version fails here, not silently in the field.
      Class.forName(name, false, ExporterLogFilter.class.getClassLoader());
    }
  }

  @Test
  void recordsOfTheAgentsThreadsAreDroppedAndTheApplicationsKept() throws Exception {
    ExporterLogFilter.install();
    Logger logger = Logger.getLogger(ExporterLogFilter.LOGGERS.get(0));
    LogRecord record = new LogRecord(Level.SEVERE, "Failed to export spans");
    assertTrue(logger.getFilter().isLoggable(record), "an application thread's record is kept");

    AtomicBoolean onAgentThread = new AtomicBoolean(true);
    Thread agent = new SidecarThread(() -> onAgentThread.set(logger.getFilter().isLoggable(record)), "sidecar-test");
    agent.start();
    agent.join();
    assertFalse(onAgentThread.get(), "the agent's own record is dropped");
    ExporterLogFilter.install();
    assertEquals(ExporterLogFilter.class, logger.getFilter().getClass());
  }
}
