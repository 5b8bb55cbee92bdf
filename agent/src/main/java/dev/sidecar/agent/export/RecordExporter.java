package dev.sidecar.agent.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.List;

/** Exports one batch of hand-off records: turns them into SDK data and calls an SDK exporter. */
public interface RecordExporter<R> {
  CompletableResultCode export(List<R> records);

  CompletableResultCode shutdown();
}
