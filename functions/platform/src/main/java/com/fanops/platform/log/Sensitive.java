package com.fanops.platform.log;

/** Wraps personal data so that, if it reaches a log call by mistake, only "***" is written. */
public record Sensitive(String value) {
    @Override
    public String toString() {
        return "***";
    }
}
