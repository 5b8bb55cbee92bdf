package dev.sidecar.agent.export.otlp;

import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.exporter.internal.marshal.Serializer;
import io.opentelemetry.sdk.common.export.MessageWriter;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An OTLP request already encoded, in the shape the OpenTelemetry SDK's HTTP and gRPC exporters
 * send: they ask for its size and its protobuf writer, and may write it again on a retry. Its bytes
 * are part of an array the encoder reuses once the request is {@linkplain #release released}.
 */
public final class EncodedRequest extends Marshaler {
  private final byte[] array;
  private final int offset;
  private final int length;
  private final RequestArrays owner;

  EncodedRequest(byte[] array, int offset, int length, RequestArrays owner) {
    this.array = array;
    this.offset = offset;
    this.length = length;
    this.owner = owner;
  }

  @Override
  public int getBinarySerializedSize() {
    return length;
  }

  /** The request's bytes, copied. */
  byte[] toByteArray() {
    return Arrays.copyOfRange(array, offset, offset + length);
  }

  /** Hands the array back for a later request: once sent and answered, never before. */
  public void release() {
    owner.give(array);
  }

  @Override
  public MessageWriter toBinaryMessageWriter() {
    return new MessageWriter() {
      @Override
      public void writeMessage(OutputStream output) throws java.io.IOException {
        output.write(array, offset, length);
      }

      @Override
      public int getContentLength() {
        return length;
      }
    };
  }

  /** Field by field writing, used for OTLP's JSON encoding, which the agent does not send. */
  @Override
  protected void writeTo(Serializer output) {
    throw new UnsupportedOperationException("an encoded OTLP request is protobuf only");
  }
}
