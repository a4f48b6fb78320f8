package com.fanops.platform.config;

/**
 * The only way function code reads environment variables: a template-consistency test scans for
 * these calls and checks each name is declared for the function in template.yaml.
 */
public final class Env {

    private Env() {
    }

    public static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set (declare it in template.yaml)");
        }
        return value;
    }

    public static String optional(String name, String dflt) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? dflt : value;
    }

    public static int optionalInt(String name, int dflt) {
        String value = optional(name, null);
        return value == null ? dflt : Integer.parseInt(value.trim());
    }
}
