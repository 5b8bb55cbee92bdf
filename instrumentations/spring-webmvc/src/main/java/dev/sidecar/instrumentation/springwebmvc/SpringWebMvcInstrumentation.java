package dev.sidecar.instrumentation.springwebmvc;

import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArgument;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Collections;
import java.util.List;

/**
 * Routes for Spring MVC 6 (Spring Boot 3): once {@code DispatcherServlet.getHandler} has found a
 * handler, Spring has left the matched pattern on the request, and the server span the servlet
 * instrumentation started is named after it: {@code GET /owners/{ownerId}}.
 */
public final class SpringWebMvcInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "spring-webmvc";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Collections.singletonList(
        TypeTransformation.forNamed("org.springframework.web.servlet.DispatcherServlet")
            .advise(named("getHandler").and(takesArguments(1))
                .and(takesArgument(0, "jakarta.servlet.http.HttpServletRequest")), GetHandlerAdvice.class));
  }
}
