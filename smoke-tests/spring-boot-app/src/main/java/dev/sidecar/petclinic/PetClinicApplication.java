package dev.sidecar.petclinic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small petclinic: owners and their pets, a crash page, asynchronous pages and a vets page that asks the
 * owners page of the same app over HTTP. It knows nothing of any agent.
 *
 * <pre>
 *   java [-javaagent:sidecar-agent.jar ...] -jar spring-boot-app.jar --server.port=0   # prints "listening on PORT"
 * </pre>
 */
@SpringBootApplication
public class PetClinicApplication {

  public static void main(String[] args) {
    SpringApplication.run(PetClinicApplication.class, args);
  }
}
