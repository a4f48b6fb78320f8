package com.fanops.local.stack;

import java.io.PrintStream;

/** Where the local runtime's output goes: each function's lines are prefixed with its name. */
public interface LogSinks {

    void function(String functionName, String line);

    static LogSinks console(PrintStream out) {
        return (function, line) -> {
            synchronized (out) {
                out.println("[" + function + "] " + line);
            }
        };
    }
}
