package com.fanops.template;

/** One problem in a template: where (logical id or {@code Globals}, then the property path) and what. */
record Finding(String resource, String property, String message) {

    @Override
    public String toString() {
        return resource + "/" + property + ": " + message;
    }
}
