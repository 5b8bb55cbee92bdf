package dev.sidecar.petclinic;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A page that always fails: nothing handles its exception, so Spring Boot answers 500 from its error page. */
@RestController
public class CrashController {

  @GetMapping("/fail")
  public String fail() {
    throw new IllegalStateException("kaboom");
  }
}
