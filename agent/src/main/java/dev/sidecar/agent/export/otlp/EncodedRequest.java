package dev.sidecar.agent.export.otlp;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.marshal.Serializer;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.OutputStream;

/**
 * An OTLP request already encoded, in the shape the OpenTelemetry SDK's HTTP and gRPC exporters
 * send: they ask for its size and its protobuf writer, and may write it again on a retry.
 */
final class EncodedRequest extends Marshaler {
  private final byte[] bytes;

  EncodedRequest(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int getBinarySerializedSize() {
    return bytes.length;
  }

  @Override
  public MessageWriter toBinaryMessageWriter() {
    return new MessageWriter() {
      @Override
      public void writeMessage(OutputStream output) throws java.io.IOException {
        output.write(bytes);
      }

      @Override
      public int getContentLength() {
        return bytes.length;
      }
    };
  }

  /** Field by field writing, used for OTLP's JSON encoding, which the agent does not send. */
  @Override
  protected void writeTo(Serializer output) {
    throw new UnsupportedOperationException("an encoded OTLP request is protobuf only");
  }
}
