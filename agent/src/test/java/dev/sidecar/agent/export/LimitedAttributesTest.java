package dev.sidecar.agent.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitedAttributesTest {

  @Test
  void aLaterValueForAKeptKeyReplacesItInPlace() {
    LimitedAttributes attributes = new LimitedAttributes(AttributeLimits.DEFAULT);
    attributes.put("http.route", "/a").put("url.path", "/a/1").put("http.route", "/a/{id}");

    assertEquals(List.of("http.route=/a/{id}", "url.path=/a/1"), pairs(attributes));
    assertEquals(2, attributes.offered());
  }

  @Test
  void anEqualKeyOfAnotherInstanceIsTheSameKey() {
    LimitedAttributes attributes = new LimitedAttributes(AttributeLimits.DEFAULT);
    String key = "server.address";
    String copy = new String(key.toCharArray());
    assertNotSame(key, copy);
    attributes.put(key, "a").put(copy, "b");

    assertEquals(List.of("server.address=b"), pairs(attributes));
  }

  @Test
  void keysOfTheSameHashStayApart() {
    assertEquals("Aa".hashCode(), "BB".hashCode());
    LimitedAttributes attributes = new LimitedAttributes(AttributeLimits.DEFAULT);
    attributes.put("Aa", "1").put("BB", "2").put("Aa", "3");

    assertEquals(List.of("Aa=3", "BB=2"), pairs(attributes));
    assertEquals(2, attributes.offered());
  }

  @Test
  void aRepeatIsFoundAmongManyKeys() {
    LimitedAttributes attributes = new LimitedAttributes(AttributeLimits.DEFAULT);
    for (int i = 0; i < 100; i++) {
      attributes.put("key." + i, "first");
    }
    for (int i = 0; i < 100; i++) {
      attributes.put("key." + i, "second");
    }

    assertEquals(100, attributes.size());
    assertEquals(100, attributes.offered());
    for (int i = 0; i < 100; i++) {
      assertEquals("key." + i + "=second", pairs(attributes).get(i));
    }
  }

  @Test
  void beyondTheCountLimitKeysAreCountedNotKept() {
    LimitedAttributes attributes = new LimitedAttributes(new AttributeLimits(2, Integer.MAX_VALUE));
    attributes.put("a", "1").put("b", 2L).put("c", true).put("a", "3").put("c", false);

    assertEquals(List.of("a=3", "b=2"), pairs(attributes));
    // "c" was offered twice and never kept: each time it counts, as in the SDK's dropped count.
    assertEquals(4, attributes.offered());
  }

  @Test
  void clearForgetsTheKeysOfTheRecordBefore() {
    LimitedAttributes attributes = new LimitedAttributes(AttributeLimits.DEFAULT);
    attributes.put("url.path", "/first");
    attributes.clear();
    attributes.put("url.path", "/second").put("url.query", "q");

    assertEquals(List.of("url.path=/second", "url.query=q"), pairs(attributes));
    assertEquals(2, attributes.offered());
  }

  private static List<String> pairs(LimitedAttributes attributes) {
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < attributes.size(); i++) {
      pairs.add(attributes.name(i) + "=" + attributes.value(i));
    }
    return pairs;
  }
}
