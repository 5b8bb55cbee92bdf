package dev.sidecar.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.testing.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {
  @Test
  void keysAreComparedByIdentity() {
    WeakIdentityMap<String> map = new WeakIdentityMap<>(10);
    List<Integer> a = new ArrayList<>();
    List<Integer> b = new ArrayList<>();
    assertEquals(a, b, "equal, but not the same object");
    assertTrue(map.putIfRoom(a, "a"));
    assertEquals("a", map.get(a));
    assertNull(map.get(b));
    assertTrue(map.putIfRoom(a, "a2"));
    assertEquals("a2", map.get(a));
    assertEquals(1, map.size());
    assertEquals("a2", map.remove(a));
    assertNull(map.get(a));
  }

  @Test
  void fullMapRefuses() {
    WeakIdentityMap<String> map = new WeakIdentityMap<>(2);
    Object one = new Object();
    Object two = new Object();
    assertTrue(map.putIfRoom(one, "1"));
    assertTrue(map.putIfRoom(two, "2"));
    assertFalse(map.putIfRoom(new Object(), "3"));
    assertEquals(2, map.size());
    map.remove(one);
    assertTrue(map.putIfRoom(new Object(), "3"));
  }

  @Test
  void collectedKeysMakeRoom() {
    WeakIdentityMap<String> map = new WeakIdentityMap<>(100);
    Object kept = new Object();
    map.putIfRoom(kept, "kept");
    for (int i = 0; i < 99; i++) {
      map.putIfRoom(new Object(), "dropped");
    }
    int size = Poll.until(Duration.ofSeconds(10), () -> {
      System.gc();
      return map.size();
    }, left -> left == 1, "the collected keys to leave the map");
    assertEquals(1, size);
    assertEquals("kept", map.get(kept));
  }
}
