package dev.sidecar.benchmarks.wholeprocess;

import java.util.ArrayList;
import java.util.List;

/** Rows of cells, rendered as aligned text for the console or as a Markdown table; the first column is left-aligned. */
final class Table {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  Table(List<String> header) {
    this.header = List.copyOf(header);
  }

  void add(List<String> row) {
    if (row.size() != header.size()) {
      throw new IllegalArgumentException("a row of " + row.size() + " cells for " + header.size() + " columns");
    }
    rows.add(List.copyOf(row));
  }

  String text() {
    int[] widths = new int[header.size()];
    for (List<String> row : all()) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : all()) {
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        String pad = " ".repeat(widths[i] - cell.length());
        out.append(i == 0 ? cell + pad : "  " + pad + cell);
      }
      out.append('\n');
    }
    return out.toString();
  }

  String markdown() {
    StringBuilder out = new StringBuilder();
    line(out, header);
    out.append('|');
    for (int i = 0; i < header.size(); i++) {
      out.append(i == 0 ? "---|" : "--:|");
    }
    out.append('\n');
    rows.forEach(row -> line(out, row));
    return out.toString();
  }

  private List<List<String>> all() {
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    return all;
  }

  private static void line(StringBuilder out, List<String> cells) {
    out.append('|');
    cells.forEach(cell -> out.append(' ').append(cell.replace("|", "\\|")).append(" |"));
    out.append('\n');
  }
}
