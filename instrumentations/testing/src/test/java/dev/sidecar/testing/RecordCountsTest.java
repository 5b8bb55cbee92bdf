package dev.sidecar.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Counting on the wire gives the counts the official classes parse, whatever the request's shape. */
class RecordCountsTest {

  private static final Resource RESOURCE = Resource.newBuilder()
      .addAttributes(KeyValue.newBuilder().setKey("service.name")
          .setValue(AnyValue.newBuilder().setStringValue("checkout")))
      .build();

  @Test
  void countsTheSpansOfEveryScopeOfEveryResource() throws InvalidProtocolBufferException {
    ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(RESOURCE)
            .addScopeSpans(scopeSpans("http", 3))
            .addScopeSpans(scopeSpans("empty", 0))
            .addScopeSpans(scopeSpans("logs", 2))
            .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0"))
        .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scopeSpans("other", 4)))
        .build();

    assertEquals(9, RecordCounts.spans(request.toByteArray()));
    assertEquals(parsedSpans(request.toByteArray()), RecordCounts.spans(request.toByteArray()));
  }

  @Test
  void countsTheLogRecordsOfEveryScopeOfEveryResource() throws InvalidProtocolBufferException {
    ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(RESOURCE)
            .addScopeLogs(scopeLogs("jul", 2))
            .addScopeLogs(scopeLogs("logback", 5)))
        .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(scopeLogs("jul", 1)))
        .build();

    assertEquals(8, RecordCounts.logs(request.toByteArray()));
  }

  @Test
  void anEmptyRequestHoldsNothing() throws InvalidProtocolBufferException {
    assertEquals(0, RecordCounts.spans(new byte[0]));
    assertEquals(0, RecordCounts.logs(ExportLogsServiceRequest.getDefaultInstance().toByteArray()));
  }

  @Test
  void aTruncatedRequestIsRejected() {
    byte[] whole = ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(RESOURCE).addScopeSpans(scopeSpans("http", 3)))
        .build().toByteArray();
    byte[] truncated = Arrays.copyOf(whole, whole.length - 5);

    assertThrows(InvalidProtocolBufferException.class, () -> RecordCounts.spans(truncated));
    assertThrows(InvalidProtocolBufferException.class, () -> ExportTraceServiceRequest.parseFrom(truncated));
  }

  private static ScopeSpans scopeSpans(String scope, int spans) {
    ScopeSpans.Builder builder = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName(scope));
    for (int i = 0; i < spans; i++) {
      builder.addSpans(Span.newBuilder().setName("span " + i).setKind(Span.SpanKind.SPAN_KIND_SERVER)
          .addAttributes(KeyValue.newBuilder().setKey("http.route").setValue(AnyValue.newBuilder().setStringValue("/x"))));
    }
    return builder.build();
  }

  private static ScopeLogs scopeLogs(String scope, int records) {
    ScopeLogs.Builder builder = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName(scope));
    for (int i = 0; i < records; i++) {
      builder.addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("line " + i)));
    }
    return builder.build();
  }

  private static long parsedSpans(byte[] bytes) throws InvalidProtocolBufferException {
    return ExportTraceServiceRequest.parseFrom(bytes).getResourceSpansList().stream()
        .flatMap(resource -> resource.getScopeSpansList().stream())
        .mapToLong(ScopeSpans::getSpansCount).sum();
  }
}
