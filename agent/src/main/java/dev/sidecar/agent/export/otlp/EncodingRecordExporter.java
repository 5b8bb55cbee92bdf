package dev.sidecar.agent.export.otlp;

import dev.sidecar.agent.export.RecordExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Records to OTLP bytes by our encoder, sent by the transport of the OpenTelemetry SDK's OTLP
 * exporter: no SDK span or log data is made per record. Used by one export thread only.
 *
 * @param <R> span or log records
 */
public final class EncodingRecordExporter<R> implements RecordExporter<R> {
  private final Function<List<R>, EncodedRequest> encoder;
  private final OtlpSender sender;
  private final Supplier<CompletableResultCode> shutdown;

  private EncodingRecordExporter(Function<List<R>, EncodedRequest> encoder, OtlpSender sender,
      Supplier<CompletableResultCode> shutdown) {
    this.encoder = encoder;
    this.sender = sender;
    this.shutdown = shutdown;
  }

  /**
   * An exporter that encodes with the encoder {@code encoders} makes and sends through
   * {@code sdkExporter}'s transport (shut down by {@code shutdown}), or null when {@code sdkExporter}
   * is not one of the SDK's OTLP exporters: the caller then converts records to SDK data as before,
   * and no encoder is made.
   */
  public static <R> EncodingRecordExporter<R> wrapping(Object sdkExporter,
      Supplier<Function<List<R>, EncodedRequest>> encoders,
      Supplier<CompletableResultCode> shutdown) {
    OtlpSender sender = OtlpSender.of(sdkExporter);
    return sender == null ? null : new EncodingRecordExporter<>(encoders.get(), sender, shutdown);
  }

  @Override
  public CompletableResultCode export(List<R> records) {
    EncodedRequest request = encoder.apply(records);
    CompletableResultCode result = sender.send(request, records.size());
    // Answered, the request is sent for good: its array can take a later batch.
    result.whenComplete(request::release);
    return result;
  }

  @Override
  public CompletableResultCode shutdown() {
    return shutdown.get();
  }
}
