package com.fanops.local.lambda;

/** A function's answer: its payload, or the error type and message Lambda would report. */
public record InvokeResult(byte[] payload, String errorType, String errorMessage) {

    public boolean ok() {
        return errorType == null;
    }

    static InvokeResult ok(byte[] payload) {
        return new InvokeResult(payload, null, null);
    }

    static InvokeResult error(String type, String message) {
        String body = "{\"errorType\":\"" + type + "\",\"errorMessage\":\"" + message.replace("\\", "\\\\").replace("\"", "'") + "\"}";
        return new InvokeResult(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), type, message);
    }
}
