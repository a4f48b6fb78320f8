package com.fanops.local.lambda;

/** Receives each line a function process writes, with the function's name. */
@FunctionalInterface
public interface LogSink {
    void line(String functionName, String line);
}
