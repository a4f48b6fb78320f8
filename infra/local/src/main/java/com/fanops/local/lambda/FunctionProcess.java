package com.fanops.local.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment: a JVM running AWS's Runtime Interface Client with the function's jar,
 * and the Runtime API it polls (its own port, so its /next never hands work to another process).
 */
final class FunctionProcess {

    private static final String PREFIX = "/2018-06-01/runtime";

    private final FunctionPool pool;
    private final HttpServer runtimeApi;
    private final ExecutorService threads;
    private final Process process;
    private final long startedNanos = System.nanoTime();
    private volatile Invocation current;
    private volatile boolean answeredOnce;
    private volatile boolean calledNext;
    private volatile String initErrorType;
    private volatile String initErrorMessage;

    FunctionProcess(FunctionPool pool, int index) throws IOException {
        this.pool = pool;
        FunctionConfig cfg = pool.config();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api-" + cfg.name() + "-" + index);
            t.setDaemon(true);
            return t;
        });
        runtimeApi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        runtimeApi.setExecutor(threads);
        runtimeApi.createContext(PREFIX + "/", this::route);
        runtimeApi.start();

        Path cwd = pool.workDir().resolve(cfg.name() + "-" + index + "-" + System.nanoTime());
        Files.createDirectories(cwd);
        List<String> command = new ArrayList<>(List.of(pool.javaCommand(),
                "-Xmx" + Math.max(64, cfg.memoryMb() * 85 / 100) + "m",
                "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=" + pool.jniLibrary(),
                "-cp", cfg.jar() + java.io.File.pathSeparator + pool.ricDir().resolve("*"),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", cfg.handler()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(cfg.environment());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("TZ", "UTC");
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApi.getAddress().getPort());
        env.put("AWS_LAMBDA_FUNCTION_NAME", cfg.name());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(cfg.memoryMb()));
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + cfg.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + index);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("_HANDLER", cfg.handler());
        env.put("LAMBDA_TASK_ROOT", cwd.toString());
        process = builder.start();
        pump(process.getInputStream());
        pump(process.getErrorStream());
        process.onExit().thenRun(this::exited);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    Invocation current() {
        return current;
    }

    private void pump(InputStream stream) {
        threads.execute(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    pool.log(line);
                }
            } catch (IOException ignored) {
                // process gone
            }
        });
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        try {
            if (path.equals("/invocation/next")) {
                next(exchange);
            } else if (path.equals("/init/error")) {
                Map<String, Object> error = parse(exchange.getRequestBody().readAllBytes());
                initErrorType = String.valueOf(error.getOrDefault("errorType", "Runtime.Unknown"));
                initErrorMessage = String.valueOf(error.getOrDefault("errorMessage", ""));
                respond(exchange, 202, new byte[0]);
            } else if (path.startsWith("/invocation/") && path.endsWith("/response")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                finish(path, InvokeResult.ok(body));
                respond(exchange, 202, new byte[0]);
            } else if (path.startsWith("/invocation/") && path.endsWith("/error")) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, Object> error = parse(body);
                String type = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
                type = type != null ? type : String.valueOf(error.getOrDefault("errorType", "Runtime.Unknown"));
                finish(path, new InvokeResult(body, type, String.valueOf(error.getOrDefault("errorMessage", ""))));
                respond(exchange, 202, new byte[0]);
            } else {
                respond(exchange, 404, "{\"errorType\":\"NotFound\"}".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            exchange.close();
        }
    }

    /** Blocks until the function has work for this process, as Lambda's Runtime API does. */
    private void next(HttpExchange exchange) throws IOException {
        calledNext = true;
        Invocation invocation;
        try {
            invocation = pool.take(this);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (invocation == null) {
            return;
        }
        current = invocation;
        invocation.deadlineMillis = System.currentTimeMillis() + pool.config().timeoutSeconds() * 1000L;
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", String.valueOf(invocation.deadlineMillis));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", pool.functionArn());
        exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-local-" + invocation.requestId.substring(0, 8));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        try {
            respond(exchange, 200, invocation.payload);
        } catch (IOException e) {
            // The process went away before it got the work: give it to another process.
            current = null;
            pool.requeue(invocation);
        }
    }

    private void finish(String path, InvokeResult result) {
        Invocation invocation = current;
        String id = path.substring("/invocation/".length(), path.lastIndexOf('/'));
        if (invocation == null || !invocation.requestId.equals(id)) {
            return;
        }
        current = null;
        if (!answeredOnce) {
            answeredOnce = true;
            pool.coldStart((System.nanoTime() - startedNanos) / 1_000_000);
        }
        invocation.result.complete(result);
    }

    /** Kills the process because its invocation ran past the function's timeout, as Lambda does. */
    void timeOut(Invocation invocation) {
        if (current == invocation) {
            current = null;
            invocation.result.complete(InvokeResult.error("Sandbox.Timedout",
                    "Task timed out after " + pool.config().timeoutSeconds() + " seconds"));
            process.destroyForcibly();
        }
    }

    private void exited() {
        Invocation invocation = current;
        current = null;
        if (invocation != null) {
            invocation.result.complete(InvokeResult.error("Runtime.ExitError",
                    "process exited with code " + process.exitValue() + " during the invocation"));
        }
        if (!calledNext) {
            String type = initErrorType != null ? initErrorType : "Runtime.ExitError";
            String message = initErrorMessage != null ? initErrorMessage : "process exited with code " + process.exitValue() + " before it started";
            pool.log("INIT FAILED: " + type + ": " + message);
            pool.initFailed(type, message);
        }
        stopServer();
        pool.removed(this);
    }

    void destroy() {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        stopServer();
    }

    private void stopServer() {
        runtimeApi.stop(0);
        threads.shutdownNow();
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, Object> parse(byte[] body) {
        try {
            return LambdaService.JSON.readValue(body, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }
}
