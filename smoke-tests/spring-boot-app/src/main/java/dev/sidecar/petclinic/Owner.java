package dev.sidecar.petclinic;

import java.util.List;

/** A pet owner, as the owner pages render it (JSON). */
public record Owner(int id, String firstName, String lastName, String city, List<Pet> pets) {}
