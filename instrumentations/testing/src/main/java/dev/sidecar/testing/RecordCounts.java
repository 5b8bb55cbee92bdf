package dev.sidecar.testing;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;

/**
 * How many spans or log records an OTLP export request holds, counted on the wire: the request's
 * resource and scope entries are walked, the records themselves are skipped, not parsed. A counting
 * receiver shares its CPU with the load generator in the whole-process benchmark; parsing every
 * record into message objects (about a microsecond each) took CPU from the load and so from the
 * figures of whichever agent exported the most.
 */
final class RecordCounts {

  private RecordCounts() {}

  /** The spans in an {@code ExportTraceServiceRequest}'s bytes. */
  static long spans(byte[] request) throws InvalidProtocolBufferException {
    return count(request, ExportTraceServiceRequest.RESOURCE_SPANS_FIELD_NUMBER,
        ResourceSpans.SCOPE_SPANS_FIELD_NUMBER, ScopeSpans.SPANS_FIELD_NUMBER);
  }

  /** The log records in an {@code ExportLogsServiceRequest}'s bytes. */
  static long logs(byte[] request) throws InvalidProtocolBufferException {
    return count(request, ExportLogsServiceRequest.RESOURCE_LOGS_FIELD_NUMBER,
        ResourceLogs.SCOPE_LOGS_FIELD_NUMBER, ScopeLogs.LOG_RECORDS_FIELD_NUMBER);
  }

  /** Occurrences of {@code path[last]} inside each {@code path[0]}, {@code path[1]}... entry. */
  private static long count(byte[] request, int... path) throws InvalidProtocolBufferException {
    try {
      return count(CodedInputStream.newInstance(request), path, 0);
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      // A byte array holds no I/O; anything else thrown is a malformed message.
      throw new InvalidProtocolBufferException(e);
    }
  }

  private static long count(CodedInputStream in, int[] path, int depth) throws IOException {
    long count = 0;
    int field = path[depth];
    boolean last = depth == path.length - 1;
    while (true) {
      int tag = in.readTag();
      if (tag == 0) {
        return count;
      }
      if (WireFormat.getTagFieldNumber(tag) != field || WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
        in.skipField(tag);
      } else if (last) {
        in.skipRawBytes(in.readRawVarint32());
        count++;
      } else {
        int limit = in.pushLimit(in.readRawVarint32());
        count += count(in, path, depth + 1);
        in.checkLastTagWas(0);
        in.popLimit(limit);
      }
    }
  }
}
