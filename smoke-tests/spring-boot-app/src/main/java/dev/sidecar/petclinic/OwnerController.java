package dev.sidecar.petclinic;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Finding owners and their pets. */
@RestController
public class OwnerController {

  private final OwnerRepository owners;

  public OwnerController(OwnerRepository owners) {
    this.owners = owners;
  }

  @GetMapping("/owners")
  public List<Owner> find(@RequestParam(name = "lastName", defaultValue = "") String lastName) {
    return owners.findByLastName(lastName);
  }

  @GetMapping("/owners/{ownerId}")
  public Owner show(@PathVariable("ownerId") int ownerId) {
    return owner(ownerId);
  }

  @GetMapping("/owners/{ownerId}/pets/{petId}")
  public Pet pet(@PathVariable("ownerId") int ownerId, @PathVariable("petId") int petId) {
    return owner(ownerId).pets().stream()
        .filter(pet -> pet.id() == petId)
        .findFirst()
        .orElseThrow(() ->
            new ResponseStatusException(HttpStatus.NOT_FOUND, "no pet " + petId + " of owner " + ownerId));
  }

  private Owner owner(int ownerId) {
    return owners.findById(ownerId)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no owner " + ownerId));
  }
}
