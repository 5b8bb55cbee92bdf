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
 * spans}...}}} and its twin for logs, with the same field numbers). The records are encoded first,
 * group after group; the frame's tags and lengths are then written in front of them into the
 * request's own array, so the records' bytes are copied once and never moved. One per export thread.
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

  private final byte[] resource;
  private final String schemaUrl;
  private final Map<String, List<R>> byScope = new LinkedHashMap<>();
  private final Map<String, byte[]> encodedScopes = new HashMap<>();
  private final ProtoWriter records = new ProtoWriter(64 * 1024);
  private final RequestArrays arrays = new RequestArrays(REQUEST_ARRAYS_KEPT);
  private byte[][] scopes = new byte[8][];
  private int[] ends = new int[8];

  ScopedRequest(Resource resource) {
    this.resource = OtlpCommon.resource(resource);
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
    records.reset();
    int groups = 0;
    try {
      for (Map.Entry<String, List<R>> group : byScope.entrySet()) {
        if (groups == scopes.length) {
          scopes = Arrays.copyOf(scopes, groups * 2);
          ends = Arrays.copyOf(ends, groups * 2);
        }
        writeRecords(records, group.getValue());
        scopes[groups] = encodedScope(group.getKey());
        ends[groups] = records.size();
        groups++;
      }
    } finally {
      // Whatever happened, the next batch starts with no group of this one's records.
      byScope.clear();
    }

    int resourceEntry = ProtoWriter.messageFieldSize(RESOURCE, resource.length)
        + ProtoWriter.stringFieldSize(SCHEMA_URL, schemaUrl);
    for (int g = 0, start = 0; g < groups; start = ends[g], g++) {
      resourceEntry += ProtoWriter.messageFieldSize(SCOPE_ENTRY, scopeEntrySize(g, start));
    }
    int size = ProtoWriter.messageFieldSize(RESOURCE_ENTRY, resourceEntry);
    byte[] array = arrays.take(size);
    ProtoWriter request = new ProtoWriter(array, 0);
    request.messageHeader(RESOURCE_ENTRY, resourceEntry);
    request.message(RESOURCE, resource);
    for (int g = 0, start = 0; g < groups; start = ends[g], g++) {
      request.messageHeader(SCOPE_ENTRY, scopeEntrySize(g, start));
      request.message(SCOPE, scopes[g]);
      request.copy(records, start, ends[g]);
      scopes[g] = null;
    }
    request.string(SCHEMA_URL, schemaUrl);
    return new EncodedRequest(array, size, arrays);
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

  private int scopeEntrySize(int group, int start) {
    return ProtoWriter.messageFieldSize(SCOPE, scopes[group].length) + ends[group] - start;
  }
}
