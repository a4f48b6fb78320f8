package com.fanops.archfixture.good.domain;

/** The allowed shape: a pure record. */
public record Member(String id) {
}
