package dev.sidecar.instrumentation.log4j2;

import static dev.sidecar.agent.instrumentation.MethodMatchers.named;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArgument;
import static dev.sidecar.agent.instrumentation.MethodMatchers.takesArguments;

import dev.sidecar.agent.instrumentation.InstrumentationModule;
import dev.sidecar.agent.instrumentation.TypeTransformation;
import java.util.Arrays;
import java.util.List;

/**
 * Log records from Log4j 2.17 and later (log4j-core), through its own API or a bridge such as
 * log4j-slf4j2-impl: an event that passed the logger's level check and its {@code LoggerConfig}'s
 * filter reaches {@code LoggerConfig.processLogEvent(LogEvent, LoggerConfigPredicate)}, once for its
 * logger's configuration and again, nested, for each additive parent. All-asynchronous loggers are
 * caught earlier, in {@code AsyncLogger.logMessage}, while still on the caller's thread.
 */
public final class Log4jAppenderInstrumentation implements InstrumentationModule {
  @Override
  public String name() {
    return "log4j-appender";
  }

  @Override
  public List<TypeTransformation> transformations() {
    return Arrays.asList(
        TypeTransformation.forNamed("org.apache.logging.log4j.core.config.LoggerConfig")
            .advise(named("processLogEvent").and(takesArguments(2))
                .and(takesArgument(0, "org.apache.logging.log4j.core.LogEvent")), ProcessLogEventAdvice.class),
        TypeTransformation.forNamed("org.apache.logging.log4j.core.async.AsyncLogger")
            .advise(named("logMessage").and(takesArguments(5))
                .and(takesArgument(1, "org.apache.logging.log4j.Level"))
                .and(takesArgument(3, "org.apache.logging.log4j.message.Message")), AsyncLoggerAdvice.class)
            .advise(named("log").and(takesArguments(6))
                .and(takesArgument(0, "org.apache.logging.log4j.Level"))
                .and(takesArgument(4, "org.apache.logging.log4j.message.Message")), AsyncLoggerLogAdvice.class));
  }
}
