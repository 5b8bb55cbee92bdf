package dev.sidecar.petclinic;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Prints {@code listening on PORT} once the embedded server accepts requests: the port callers must use. */
@Component
public class ListeningAnnouncer implements ApplicationListener<WebServerInitializedEvent> {

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    System.out.println("listening on " + event.getWebServer().getPort());
  }
}
