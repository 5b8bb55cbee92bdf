package dev.sidecar.agent.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.List;

/**
 * Exports batches of hand-off records, each batch taken a few dozen records at a time as they
 * arrive ({@link #add}): an exporter may do its work on them at once, while the CPU's caches still
 * hold them. Used by one export thread only.
 */
public interface RecordExporter<R> {
  /**
   * Takes {@code records} into the batch being built. When it throws, none of them is in the
   * batch; the records added before them stay.
   */
  void add(List<R> records);

  /** Exports the records added since the last export, or clear, as one batch; it is then empty. */
  CompletableResultCode export();

  /** Drops the records added since the last export: they will not be sent. */
  void clear();

  CompletableResultCode shutdown();
}
