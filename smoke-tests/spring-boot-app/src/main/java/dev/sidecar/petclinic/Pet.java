package dev.sidecar.petclinic;

/** A pet, as the pet page renders it (JSON). */
public record Pet(int id, String name, String type) {}
