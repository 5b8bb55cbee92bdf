package dev.sidecar.agent.instrumentation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/** The types to transform and, for each group of their methods, the advice class to inline. */
public final class TypeTransformation {
  private final ElementMatcher<? super TypeDescription> types;
  private final List<MethodAdvice> advice;

  private TypeTransformation(ElementMatcher<? super TypeDescription> types, List<MethodAdvice> advice) {
    this.types = types;
    this.advice = Collections.unmodifiableList(advice);
  }

  public static TypeTransformation forTypes(ElementMatcher<? super TypeDescription> types) {
    return new TypeTransformation(types, new ArrayList<>());
  }

  /** Returns a transformation that also applies {@code adviceClass} to {@code methods}. */
  public TypeTransformation advise(ElementMatcher<? super MethodDescription> methods, Class<?> adviceClass) {
    List<MethodAdvice> more = new ArrayList<>(advice);
    more.add(new MethodAdvice(methods, adviceClass.getName()));
    return new TypeTransformation(types, more);
  }

  public ElementMatcher<? super TypeDescription> types() {
    return types;
  }

  public List<MethodAdvice> advice() {
    return advice;
  }

  /** Methods and the advice class, by name: Byte Buddy reads its bytes, never loads it. */
  public static final class MethodAdvice {
    private final ElementMatcher<? super MethodDescription> methods;
    private final String adviceClassName;

    MethodAdvice(ElementMatcher<? super MethodDescription> methods, String adviceClassName) {
      this.methods = methods;
      this.adviceClassName = adviceClassName;
    }

    public ElementMatcher<? super MethodDescription> methods() {
      return methods;
    }

    public String adviceClassName() {
      return adviceClassName;
    }
  }
}
