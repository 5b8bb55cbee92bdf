package dev.sidecar.benchmarks.wholeprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void textAlignsColumnsAndMarkdownRightAlignsFigures() {
    Table table = new Table(List.of("configuration", "req/s"));
    table.add(List.of("no agent", "41,569"));
    table.add(List.of("Sidecar", "30,538 (73.5 %)"));
    assertEquals("configuration            req/s\n"
        + "no agent                41,569\n"
        + "Sidecar        30,538 (73.5 %)\n", table.text());
    assertEquals("| configuration | req/s |\n|---|--:|\n| no agent | 41,569 |\n| Sidecar | 30,538 (73.5 %) |\n",
        table.markdown());
  }

  @Test
  void rotationStartsEachRoundOneLater() {
    assertEquals(List.of("b", "c", "a"), Main.rotated(List.of("a", "b", "c"), 1));
    assertEquals(List.of("a", "b", "c"), Main.rotated(List.of("a", "b", "c"), 3));
  }

  @Test
  void deltasAndSharesOfTheBaseline() {
    assertEquals("812 (+431)", Format.withDelta(812, 381, 0));
    assertEquals("23.0 (-1.5)", Format.withDelta(23, 24.5, 1));
    assertEquals("30,538 (73.5 %)", Format.withPercent(30538, 41569, 0));
    assertEquals("-", Format.withDelta(Double.NaN, 1, 0));
  }
}
