package dev.sidecar.agent.export.otlp;

import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frame both OTLP export requests share: one resource, then the records grouped by their
 * instrumentation scope ({@code ExportTraceServiceRequest{ResourceSpans{Resource, ScopeSpans{scope,
 * spans}...}}} and its twin for logs, with the same field numbers). The records are encoded straight
 * into the request's array, each group after room left for its head (tag, length, scope); once a
 * group's length is known, its head is written into that room, and the resource's head in front of
 * the first group's: the request starts where that head does. A later group's head takes a byte
 * more or less than its room only when the group is under 16 KB or over 2 MB long, and then that
 * group alone moves. One per export thread.
 *
 * <p>Each signal's encoder extends it and writes a group's records in a loop of its own
 * ({@link #writeRecords}): the JIT then compiles each signal's record encoding once, where a loop
 * shared by both signals, or a function object per record, had it compile that code again as the
 * call's receiver types changed or inlined into a lambda's bridge.
 *
 * @param <R> span or log records
 */
abstract class ScopedRequest<R> {
  private static final int RESOURCE_ENTRY = 1;
  private static final int RESOURCE = 1;
  private static final int SCOPE_ENTRY = 2;
  private static final int SCHEMA_URL = 3;
  private static final int SCOPE = 1;
  private static final int MAX_SCOPES_KEPT = 4096;
  /** One per request the export loop can have waiting for an answer, and one to encode the next into. */
  private static final int REQUEST_ARRAYS_KEPT = 4;
  /** Room for a group's length: three bytes hold lengths from 16 KB to 2 MB, a batch's usual size. */
  private static final int GROUP_LENGTH_ROOM = 3;
  private static final int MAX_LENGTH_BYTES = 5;

  private final byte[] resource;
  private final int resourceField;
  private final String schemaUrl;
  private final Map<String, List<R>> byScope = new LinkedHashMap<>();
  private final Map<String, byte[]> encodedScopes = new HashMap<>();
  /** Writes into each request's array in turn; kept, with the attribute keys it has encoded. */
  private final ProtoWriter out = new ProtoWriter(0);
  private final RequestArrays arrays = new RequestArrays(REQUEST_ARRAYS_KEPT);
  private int lastSize = 64 * 1024;

  ScopedRequest(Resource resource) {
    this.resource = OtlpCommon.resource(resource);
    this.resourceField = ProtoWriter.messageFieldSize(RESOURCE, this.resource.length);
    this.schemaUrl = resource.getSchemaUrl();
  }

  /** The name of a record's instrumentation scope. */
  abstract String scopeName(R record);

  /** The scope a name stands for; asked once per name. */
  abstract InstrumentationScopeInfo scopeInfo(String name);

  /** Writes each record as field 2 of its scope's entry. */
  abstract void writeRecords(ProtoWriter out, List<R> records);

  /**
   * The request, in an array of its own until it is released: the sender may still read it after
   * the next batch is encoded.
   */
  final EncodedRequest encodeRequest(List<R> batch) {
    groupByScope(batch);
    // Room for the resource entry's tag and length, and the resource, in front of the first group.
    int firstGroup = 1 + MAX_LENGTH_BYTES + resourceField;
    out.wrap(arrays.take(lastSize + firstGroup), firstGroup);
    int groupsStart = firstGroup;
    try {
      boolean first = true;
      for (Map.Entry<String, List<R>> group : byScope.entrySet()) {
        int headStart = writeGroup(encodedScope(group.getKey()), group.getValue(), first);
        if (first) {
          groupsStart = headStart;
          first = false;
        }
      }
    } finally {
      // Whatever happened, the next batch starts with no group of this one's records.
      byScope.clear();
    }
    out.string(SCHEMA_URL, schemaUrl);
    int end = out.size();
    int entry = resourceField + end - groupsStart;
    int start = groupsStart - resourceField - 1 - ProtoWriter.varintSize(entry);
    out.seek(start);
    out.messageHeader(RESOURCE_ENTRY, entry);
    out.message(RESOURCE, resource);
    lastSize = end - start;
    return new EncodedRequest(out.array(), start, end - start, arrays);
  }

  /**
   * One scope's entry at the write position, its records after room for its head; returns where
   * its head starts. The first group's room fits any head, which is written at its end: the unused
   * part stays in front of the request. A later group whose head takes other than its room moves.
   */
  private int writeGroup(byte[] scope, List<R> records, boolean first) {
    int scopeField = ProtoWriter.messageFieldSize(SCOPE, scope.length);
    int room = 1 + (first ? MAX_LENGTH_BYTES : GROUP_LENGTH_ROOM) + scopeField;
    int headStart = out.reserve(room);
    int recordsStart = out.size();
    writeRecords(out, records);
    int recordsEnd = out.size();
    int entry = scopeField + recordsEnd - recordsStart;
    int head = 1 + ProtoWriter.varintSize(entry) + scopeField;
    if (first) {
      headStart = recordsStart - head;
    } else if (head != room) {
      out.move(recordsStart, recordsEnd, headStart + head);
    }
    int end = out.seek(headStart);
    out.messageHeader(SCOPE_ENTRY, entry);
    out.message(SCOPE, scope);
    out.seek(end);
    return headStart;
  }

  /**
   * Sorts the batch into its scopes' lists, keeping their order. A loop of its own, kept small: it
   * runs once per record, so the JIT compiles it apart from the rest, which runs once per batch.
   * The lists are new each batch: with G1, storing a reference into an object that has lived long
   * (an old list's array) costs a memory fence, once per record here; into one made moments ago it does not.
   */
  private void groupByScope(List<R> batch) {
    String lastScope = null;
    List<R> group = null;
    for (R record : batch) {
      String scope = scopeName(record);
      // Records of one scope mostly come in runs and share one name string: one map lookup a run.
      if (scope != lastScope) {
        group = byScope.computeIfAbsent(scope, name -> new ArrayList<>());
        lastScope = scope;
      }
      group.add(record);
    }
  }

  /** A scope's {@code InstrumentationScope} bytes, encoded once per name (up to a bound). */
  private byte[] encodedScope(String name) {
    byte[] encoded = encodedScopes.get(name);
    if (encoded == null) {
      encoded = OtlpCommon.scope(scopeInfo(name));
      if (encodedScopes.size() < MAX_SCOPES_KEPT) {
        encodedScopes.put(name, encoded);
      }
    }
    return encoded;
  }
}
