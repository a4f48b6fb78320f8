package com.fanops.template;

/** The template cannot be read or resolved; the message names the resource and property. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
