package dev.sidecar.agent.install;

import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.install.ClassHeaderTest.classFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sidecar.agent.instrumentation.MethodMatcher;
import dev.sidecar.bootstrap.AgentErrors;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.asm.Advice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Advice woven into a class's bytes, the class then loaded (and verified) in a loader of its own
 * and run: what the advice sees, what the method returns or throws, and the order of nested advice.
 */
class ClassWeaverTest {
  private static final List<String> SEEN = Seen.SEEN;

  /** What advice saw, in order; public, as woven code calls it from a class of another loader. */
  public static final class Seen {
    static final List<String> SEEN = new ArrayList<>();

    public static void see(String what) {
      SEEN.add(what);
    }
  }

  @BeforeEach
  void clear() {
    SEEN.clear();
  }

  @Test
  void enterAndExitSeeArgumentsThisFieldsAndTheReturnValueWhichExitReplaces() throws Throwable {
    Object target = woven(named("greet"), GreetAdvice.class);
    assertEquals("hello ada!", call(target, "greet", "ada"));
    assertEquals(List.of("enter greet ada", "exit greet hello ada label entered:ada this"), SEEN);
  }

  @Test
  void anExceptionGoesThroughExitAndLeavesTheMethodAsItWas() throws Throwable {
    Object target = woven(named("fail"), ThrownAdvice.class);
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> call(target, "fail", 7));
    assertEquals("failed 7", thrown.getMessage());
    assertEquals(List.of("exit 7 failed 7 returned 0"), SEEN);
  }

  @Test
  void theMethodsOwnHandlersCatchFirst() throws Throwable {
    Object target = woven(named("recovers"), ThrownAdvice.class);
    assertEquals(-1, call(target, "recovers", 3));
    assertEquals(List.of("exit 3 none returned -1"), SEEN);
  }

  @Test
  void wideArgumentsAndReturnValuesKeepTheirTwoSlots() throws Throwable {
    Object target = woven(named("twice"), WideAdvice.class);
    assertEquals(2 * 21L + 1, call(target, "twice", 21L));
    assertEquals(List.of("21 -> 42"), SEEN);
  }

  @Test
  void exceptionsOfTheAdviceAreRecordedAndTheMethodRunsAsIfUnadvised() throws Throwable {
    long before = AgentErrors.count();
    Object target = woven(named("greet"), BrokenAdvice.class);
    assertEquals("hello bob", call(target, "greet", "bob"));
    assertEquals(before + 2, AgentErrors.count());
    assertEquals("exit broke", AgentErrors.last().getMessage());
    assertEquals(List.of("exit entered null"), SEEN);
  }

  @Test
  void theFirstAdviceListedIsTheOutermost() throws Throwable {
    Object target = woven(Map.of(GreetAdvice.class, named("greet"), OuterAdvice.class, named("greet")),
        List.of(OuterAdvice.class, GreetAdvice.class));
    assertEquals("hello cy!", call(target, "greet", "cy"));
    assertEquals(List.of("outer enter", "enter greet cy", "exit greet hello cy label entered:cy this",
        "outer exit hello cy!"), SEEN);
  }

  /** The method's own frame at its first instruction and the one after the enter advice are one: the method's is kept. */
  @Test
  void aMethodThatLoopsFromItsFirstInstructionKeepsItsFrame() throws Throwable {
    Object target = woven(named("countDown"), CountAdvice.class);
    assertEquals(0, call(target, "countDown", 3));
    assertEquals(List.of("enter 3", "exit 0 returned 0"), SEEN);
  }

  @Test
  void aStaticMethodHasNoThisAndItsArgumentsStartAtTheFirstSlot() throws Throwable {
    Object target = woven(named("shout"), StaticAdvice.class);
    Method shout = target.getClass().getMethod("shout", String.class);
    assertEquals("HEY?", shout.invoke(null, "hey"));
    assertEquals(List.of("hey -> HEY"), SEEN);
  }

  @Test
  void adviceTakingATypeTheMethodCannotSupplyIsRefusedBeforeAnythingIsWritten() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> weave(Map.of(MismatchedAdvice.class, named("greet")), List.of(MismatchedAdvice.class)));
    assertTrue(refused.getMessage().contains("takes java.lang.Integer for a java.lang.String"), refused.getMessage());
  }

  @Test
  void aClassNoRuleChangesIsLeftAlone() throws Throwable {
    assertNull(weave(Map.of(GreetAdvice.class, named("noSuchMethod")), List.of(GreetAdvice.class)));
  }

  // The class advised, and the advice.

  public static class Target {
    String label = "label";

    public String greet(String name) {
      return "hello ".concat(name);
    }

    public int fail(int value) {
      throw new IllegalStateException("failed " + value);
    }

    public int recovers(int value) {
      try {
        return fail(value);
      } catch (IllegalStateException e) {
        return -1;
      }
    }

    public long twice(long value) {
      return value * 2;
    }

    public int countDown(int value) {
      while (value > 0) {
        value--;
      }
      return value;
    }

    public static String shout(String word) {
      return word.toUpperCase(java.util.Locale.ROOT);
    }
  }

  static class GreetAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static String enter(@Advice.Origin("#m") String method, @Advice.Argument(0) String name) {
      Seen.see("enter ".concat(method).concat(" ").concat(name));
      return "entered:".concat(name);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Origin("#m") String method, @Advice.This Object self,
        @Advice.FieldValue("label") String label, @Advice.Enter String entered,
        @Advice.Return(readOnly = false) String returned, @Advice.Thrown Throwable thrown) {
      Seen.see("exit ".concat(method).concat(" ").concat(returned).concat(" ").concat(label).concat(" ").concat(entered)
          .concat(self instanceof Target ? " this" : " other"));
      returned = returned.concat("!");
    }
  }

  static class OuterAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter() {
      Seen.see("outer enter");
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Return String returned) {
      Seen.see("outer exit ".concat(returned));
    }
  }

  static class ThrownAdvice {
    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) int value, @Advice.Return int returned, @Advice.Thrown Throwable thrown) {
      Seen.see("exit ".concat(String.valueOf(value)).concat(" ").concat(thrown == null ? "none" : thrown.getMessage())
          .concat(" returned ").concat(String.valueOf(returned)));
    }
  }

  static class WideAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) long value, @Advice.Return(readOnly = false) long returned) {
      Seen.see(String.valueOf(value).concat(" -> ").concat(String.valueOf(returned)));
      returned = returned + 1;
    }
  }

  static class CountAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) int value) {
      Seen.see("enter ".concat(String.valueOf(value)));
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Argument(0) int value, @Advice.Return int returned) {
      Seen.see("exit ".concat(String.valueOf(value)).concat(" returned ").concat(String.valueOf(returned)));
    }
  }

  static class StaticAdvice {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.Argument(0) String word, @Advice.Return(readOnly = false) String returned) {
      Seen.see(word.concat(" -> ").concat(returned));
      returned = returned.concat("?");
    }
  }

  static class BrokenAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static String enter() {
      throw new IllegalStateException("enter broke");
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter String entered) {
      Seen.see("exit entered ".concat(String.valueOf(entered)));
      throw new IllegalStateException("exit broke");
    }
  }

  static class MismatchedAdvice {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Integer name) {}
  }

  // Weaving and loading.

  private static Object woven(MethodMatcher methods, Class<?> advice) throws Exception {
    return woven(Map.of(advice, methods), List.of(advice));
  }

  private static Object woven(Map<Class<?>, MethodMatcher> methods, List<Class<?>> order) throws Exception {
    byte[] woven = weave(methods, order);
    Class<?> type = new WovenLoader(Target.class.getName(), woven).loadClass(Target.class.getName());
    return type.getDeclaredConstructor().newInstance();
  }

  private static byte[] weave(Map<Class<?>, MethodMatcher> methods, List<Class<?>> order) throws Exception {
    List<TypeRule.Advice> advice = new ArrayList<>();
    MethodMatcher changed = method -> false;
    for (Class<?> type : order) {
      advice.add(new TypeRule.Advice(methods.get(type), type.getName()));
      changed = changed.or(methods.get(type));
    }
    TypeRule rule = TypeRule.forNamed(Set.of(Target.class.getName()), changed, advice, List.of());
    return new ClassWeaver(List.of(rule), new TestAdviceClasses(),
        new TypeHierarchy(new ClassHeaders(), ClassWeaverTest.class.getClassLoader(), null, null))
        .weave(classFile(Target.class));
  }

  private static Object call(Object target, String name, Object argument) throws Throwable {
    for (Method method : target.getClass().getMethods()) {
      if (method.getName().equals(name)) {
        try {
          return method.invoke(target, argument);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
      }
    }
    throw new NoSuchMethodException(name);
  }

  /** Advice read from the test's own class files, as the agent reads it from its jar. */
  private static final class TestAdviceClasses extends AdviceClasses {
    TestAdviceClasses() {
      super(name -> {
        try {
          return classFile(Class.forName(name));
        } catch (ClassNotFoundException e) {
          return null;
        }
      });
    }
  }

  /** Defines the woven class itself, everything else from the test's loader; its classes are verified. */
  private static final class WovenLoader extends ClassLoader {
    private final String name;
    private final byte[] classFile;

    WovenLoader(String name, byte[] classFile) {
      super(ClassWeaverTest.class.getClassLoader());
      this.name = name;
      this.classFile = classFile;
    }

    @Override
    protected Class<?> loadClass(String className, boolean resolve) throws ClassNotFoundException {
      if (className.equals(name)) {
        synchronized (getClassLoadingLock(className)) {
          Class<?> loaded = findLoadedClass(className);
          return loaded != null ? loaded : defineClass(className, classFile, 0, classFile.length);
        }
      }
      return super.loadClass(className, resolve);
    }
  }
}
