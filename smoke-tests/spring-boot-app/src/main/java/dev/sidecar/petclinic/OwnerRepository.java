package dev.sidecar.petclinic;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Repository;

/** The clinic's owners, fixed and in memory. */
@Repository
public class OwnerRepository {

  private static final List<Owner> OWNERS = List.of(
      new Owner(1, "George", "Franklin", "Madison", List.of(new Pet(1, "Leo", "cat"))),
      new Owner(2, "Betty", "Davis", "Sun Prairie", List.of(new Pet(2, "Basil", "hamster"))),
      new Owner(3, "Eduardo", "Rodriquez", "McFarland", List.of(new Pet(4, "Jewel", "dog"))),
      new Owner(4, "Harold", "Davis", "Windsor", List.of(new Pet(5, "Iggy", "lizard"))),
      new Owner(5, "Peter", "McTavish", "Madison", List.of(new Pet(6, "George", "snake"))),
      new Owner(6, "Jean", "Coleman", "Monona", List.of(new Pet(7, "Samantha", "cat"), new Pet(8, "Max", "cat"))),
      new Owner(7, "Jeff", "Black", "Monona", List.of(new Pet(3, "Lucky", "bird"), new Pet(9, "Lucky", "dog"))),
      new Owner(8, "Maria", "Escobito", "Madison", List.of(new Pet(10, "Mulligan", "dog"))),
      new Owner(9, "David", "Schroeder", "Madison", List.of(new Pet(11, "Freddy", "bird"))),
      new Owner(10, "Carlos", "Estaban", "Waunakee", List.of(new Pet(12, "Lucky", "dog"), new Pet(13, "Sly", "cat"))));

  public Optional<Owner> findById(int id) {
    return OWNERS.stream().filter(owner -> owner.id() == id).findFirst();
  }

  /** Owners whose last name starts with {@code lastName}, ignoring case; all of them for an empty one. */
  public List<Owner> findByLastName(String lastName) {
    String prefix = lastName.toLowerCase(Locale.ROOT);
    return OWNERS.stream().filter(owner -> owner.lastName().toLowerCase(Locale.ROOT).startsWith(prefix)).toList();
  }
}
