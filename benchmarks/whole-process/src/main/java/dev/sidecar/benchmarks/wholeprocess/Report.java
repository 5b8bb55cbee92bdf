package dev.sidecar.benchmarks.wholeprocess;

import java.util.ArrayList;
import java.util.List;

/** A titled report: facts about the run, one table per app, notes; printable as text or Markdown. */
final class Report {
  private final String title;
  private final List<String> facts;
  private final List<String> sectionTitles = new ArrayList<>();
  private final List<Table> tables = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  Report(String title, List<String> facts) {
    this.title = title;
    this.facts = List.copyOf(facts);
  }

  void section(String sectionTitle, Table table) {
    sectionTitles.add(sectionTitle);
    tables.add(table);
  }

  void note(String note) {
    notes.add(note);
  }

  String text() {
    StringBuilder out = new StringBuilder("== ").append(title).append(" ==\n");
    facts.forEach(fact -> out.append(fact).append('\n'));
    for (int i = 0; i < tables.size(); i++) {
      out.append('\n').append(sectionTitles.get(i)).append('\n').append(tables.get(i).text());
    }
    out.append('\n');
    notes.forEach(note -> out.append(note).append('\n'));
    return out.toString();
  }

  String markdown() {
    StringBuilder out = new StringBuilder("## ").append(title).append("\n\n");
    facts.forEach(fact -> out.append("- ").append(fact).append('\n'));
    for (int i = 0; i < tables.size(); i++) {
      out.append("\n### ").append(sectionTitles.get(i)).append("\n\n").append(tables.get(i).markdown());
    }
    out.append('\n');
    notes.forEach(note -> out.append(note).append("\n\n"));
    return out.toString();
  }
}
