package com.fanops.local.lambda;

/** Per-function figures: cold start is JVM start to the first answer posted to the Runtime API. */
public record FunctionStats(int coldStarts, long lastColdStartMs, long maxColdStartMs, long invocations, long errors,
                            int runningProcesses) {
}
