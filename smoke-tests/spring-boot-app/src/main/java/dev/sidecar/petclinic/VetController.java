package dev.sidecar.petclinic;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Vets are owners too: a vet's page is the owner page of the same id, fetched from this very app with
 * {@code java.net.http.HttpClient}, as if it were another service.
 */
@RestController
public class VetController {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final WebServerApplicationContext context;

  public VetController(WebServerApplicationContext context) {
    this.context = context;
  }

  @GetMapping("/vets/{vetId}")
  public ResponseEntity<String> show(@PathVariable("vetId") int vetId) throws IOException, InterruptedException {
    URI owner = URI.create("http://127.0.0.1:" + context.getWebServer().getPort() + "/owners/" + vetId);
    HttpResponse<String> response =
        client.send(HttpRequest.newBuilder(owner).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    return ResponseEntity.status(response.statusCode()).contentType(MediaType.APPLICATION_JSON).body(response.body());
  }
}
