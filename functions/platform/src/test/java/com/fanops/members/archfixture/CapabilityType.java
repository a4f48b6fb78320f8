package com.fanops.members.archfixture;

/** Stands for any capability's class, for the platform rule's failing case. */
public record CapabilityType(String id) {
}
