package com.fanops.local.lambda;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/** One function as the local Lambda service runs it (values already resolved from template.yaml). */
public record FunctionConfig(String name, String handler, Path jar, Map<String, String> environment, int timeoutSeconds,
                             int memoryMb, int maxConcurrency, int maxRetryAttempts, int maxEventAgeSeconds,
                             Consumer<String> deadLetter) {
}
