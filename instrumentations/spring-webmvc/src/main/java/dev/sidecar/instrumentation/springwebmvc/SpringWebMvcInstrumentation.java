package dev.sidecar.instrumentation.springwebmvc;

import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArgument;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Collections;
import java.util.List;

/**
 * Routes for Spring MVC 6 (Spring Boot 3): once a handler's interceptors have been asked
 * ({@code HandlerExecutionChain.applyPreHandle}), Spring has left the matched pattern on the
 * request, and the server span the servlet instrumentation started is named after it:
 * {@code GET /owners/{ownerId}}, or {@code GET /**} for Spring Boot's static resources and for the
 * paths no controller takes, as the OpenTelemetry agent names them.
 */
public final class SpringWebMvcInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "spring-webmvc";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Collections.singletonList(
        TypeTransformation.forNamed("org.springframework.web.servlet.HandlerExecutionChain")
            .advise(named("applyPreHandle").and(takesArguments(2))
                .and(takesArgument(0, "jakarta.servlet.http.HttpServletRequest")), PreHandleAdvice.class));
  }
}
