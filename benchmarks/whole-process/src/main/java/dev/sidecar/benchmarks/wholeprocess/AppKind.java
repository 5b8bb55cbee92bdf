package dev.sidecar.benchmarks.wholeprocess;

import java.util.Arrays;

/** The hello-world apps under test, each an executable jar built beside the driver. */
enum AppKind {
  TOMCAT("tomcat", "embedded Tomcat", "tomcat-hello.jar"),
  JDK("jdk", "JDK HttpServer", "jdk-hello.jar");

  final String id;
  final String label;
  final String jar;

  AppKind(String id, String label, String jar) {
    this.id = id;
    this.label = label;
    this.jar = jar;
  }

  static AppKind of(String id) {
    return Arrays.stream(values()).filter(app -> app.id.equals(id)).findFirst()
        .orElseThrow(() -> new BenchmarkException("unknown app '" + id + "'; known: tomcat, jdk"));
  }
}
