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
 * spans}...}}} and its twin for logs, with the same field numbers).
 *
 * <p>A request is built a few dozen records at a time, as the export thread takes them from the
 * queue ({@link #add}), and sent once the batch is complete ({@link #finish}). Encoded as they
 * arrive, the records are read while the CPU's caches still hold them: a whole batch encoded at
 * once read half a megabyte back from memory, on a CPU the application shares. Each add appends
 * its records to the request's array, a run of bytes per scope; a scope's runs are contiguous
 * when its records come alone. The heads (resource, each scope's tag, length and scope) are
 * written after the records once every length is known, and the request is sent as its pieces in
 * order, never copied together: the same bytes the OpenTelemetry SDK sends, scopes in order of
 * first appearance. One per export thread.
 *
 * <p>Each signal's encoder extends it and writes a group's records in a loop of its own
 * ({@link #writeRecords}): the JIT then compiles each signal's record encoding once, where a loop
 * shared by both signals, or a function object per record, had it compile that code again as the
 * call's receiver types changed or inlined into a lambda's bridge.
 *
 * @param <R> span or log records
 */
public abstract class ScopedRequest<R> {
  private static final int RESOURCE_ENTRY = 1;
  private static final int RESOURCE = 1;
  private static final int SCOPE_ENTRY = 2;
  private static final int SCHEMA_URL = 3;
  private static final int SCOPE = 1;
  private static final int MAX_SCOPES_KEPT = 4096;
  /** One per request the export loop can have waiting for an answer, and one to encode the next into. */
  private static final int REQUEST_ARRAYS_KEPT = 4;

  private final byte[] resource;
  private final int resourceField;
  private final String schemaUrl;
  /** The request's scopes, in order of first appearance, each with where its records lie. */
  private final Map<String, ScopeRuns> scopes = new LinkedHashMap<>();
  /** One add's records by scope, in order. */
  private final Map<String, List<R>> byScope = new LinkedHashMap<>();
  private final Map<String, byte[]> encodedScopes = new HashMap<>();
  /** Writes into each request's array in turn; kept, with the attribute keys it has encoded. */
  private final ProtoWriter out = new ProtoWriter(0);
  private final RequestArrays arrays = new RequestArrays(REQUEST_ARRAYS_KEPT);
  private int lastSize = 64 * 1024;
  private boolean started;
  private int added;

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
   * Encodes {@code records} into the request being built. When one of them cannot be encoded, the
   * exception is thrown and none of them is in the request; the records added before them stay.
   */
  public final void add(List<R> records) {
    if (!started) {
      out.wrap(arrays.take(lastSize), 0);
      started = true;
    }
    int addStart = out.size();
    groupByScope(records);
    try {
      for (Map.Entry<String, List<R>> group : byScope.entrySet()) {
        int start = out.size();
        writeRecords(out, group.getValue());
        runsOf(group.getKey()).records.add(start, out.size());
      }
      added += records.size();
    } catch (Throwable t) {
      out.truncate(addStart);
      for (ScopeRuns runs : scopes.values()) {
        runs.records.cutAt(addStart);
      }
      throw t;
    } finally {
      // Whatever happened, the next add starts with no group of these records.
      byScope.clear();
    }
  }

  /** How many records the request being built holds. */
  public final int added() {
    return added;
  }

  /**
   * The request of the records added since the last one, in an array of its own until it is
   * released: the sender may still read it after the next request is built.
   */
  public final EncodedRequest finish() {
    if (!started) {
      out.wrap(arrays.take(lastSize), 0);
    }
    try {
      // The tail: the schema URL, which ends the resource's entry, then the heads.
      int schemaStart = out.size();
      out.string(SCHEMA_URL, schemaUrl);
      int schemaEnd = out.size();
      int entry = resourceField + schemaEnd - schemaStart;
      int scopeCount = 0;
      for (ScopeRuns runs : scopes.values()) {
        if (runs.records.length() > 0) {
          entry += ProtoWriter.messageFieldSize(SCOPE_ENTRY, runs.entryLength());
          scopeCount++;
        }
      }
      int headsStart = out.size();
      out.messageHeader(RESOURCE_ENTRY, entry);
      out.message(RESOURCE, resource);
      ByteRuns pieces = new ByteRuns(2 + 2 * scopeCount);
      pieces.add(headsStart, out.size());
      for (ScopeRuns runs : scopes.values()) {
        if (runs.records.length() > 0) {
          int head = out.size();
          out.messageHeader(SCOPE_ENTRY, runs.entryLength());
          out.message(SCOPE, runs.scope);
          pieces.add(head, out.size());
          pieces.addAll(runs.records);
        }
      }
      pieces.add(schemaStart, schemaEnd);
      lastSize = out.size();
      return new EncodedRequest(out.array(), pieces.toArray(), ProtoWriter.messageFieldSize(RESOURCE_ENTRY, entry),
          arrays);
    } finally {
      // Whatever happened, the next request starts empty.
      started = false;
      added = 0;
      scopes.clear();
    }
  }

  /** Drops the records added since the last request. */
  public final void clear() {
    if (started) {
      arrays.give(out.array());
      started = false;
    }
    added = 0;
    scopes.clear();
  }

  /** A batch's request in one go: {@link #add} then {@link #finish}. */
  final EncodedRequest encodeRequest(List<R> batch) {
    add(batch);
    return finish();
  }

  private ScopeRuns runsOf(String scope) {
    ScopeRuns runs = scopes.get(scope);
    if (runs == null) {
      runs = new ScopeRuns(encodedScope(scope));
      scopes.put(scope, runs);
    }
    return runs;
  }

  /**
   * Sorts the records into their scopes' lists, keeping their order. A loop of its own, kept small: it
   * runs once per record, so the JIT compiles it apart from the rest, which runs once per add.
   * The lists are new each add: with G1, storing a reference into an object that has lived long
   * (an old list's array) costs a memory fence, once per record here; into one made moments ago it does not.
   */
  private void groupByScope(List<R> records) {
    String lastScope = null;
    List<R> group = null;
    for (R record : records) {
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

  /** A scope of the request being built: its encoded scope, and where its records lie. */
  private static final class ScopeRuns {
    final byte[] scope;
    final ByteRuns records = new ByteRuns(1);
    private final int scopeField;

    ScopeRuns(byte[] scope) {
      this.scope = scope;
      this.scopeField = ProtoWriter.messageFieldSize(SCOPE, scope.length);
    }

    /** The length of the scope's entry: the scope, then its records. */
    int entryLength() {
      return scopeField + records.length();
    }
  }
}
