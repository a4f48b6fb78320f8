package com.fanops.local.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/**
 * The local Lambda service: every function runs as it does in Lambda, in its own JVM through AWS's
 * Runtime Interface Client, started on first use (a cold start), kept warm, scaled up to its
 * concurrency, killed on timeout. Asynchronous invocations are retried and then dead-lettered.
 */
public final class LambdaService implements LambdaInvoker, AutoCloseable {

    static {
        // Read once by the JDK HttpServer's first use: without it every small response waits ~40 ms (Nagle + delayed ACK).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAYLOAD = 6 * 1024 * 1024;

    private final Path ricDir;
    private final Path workDir;
    private final LogSink logs;
    private final Clock clock;
    private final Path jniLibrary;
    private final Map<String, FunctionPool> pools = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, daemon("lambda-scheduler"));
    private final ExecutorService asyncRunners = Executors.newCachedThreadPool(daemon("lambda-async"));
    private volatile Duration retryBackoff = Duration.ofSeconds(1);

    public LambdaService(Path ricDir, Path workDir, LogSink logs, Clock clock) throws IOException {
        this.ricDir = ricDir.toAbsolutePath();
        this.workDir = workDir.toAbsolutePath();
        this.logs = logs;
        this.clock = clock;
        Files.createDirectories(this.workDir);
        this.jniLibrary = unpackJni();
        scheduler.scheduleWithFixedDelay(() -> pools.values().forEach(p -> p.checkTimeouts(System.currentTimeMillis())),
                100, 100, TimeUnit.MILLISECONDS);
    }

    /** The RIC unpacks its JNI library to one fixed /tmp path, and processes starting together crash on it: unpack once. */
    private Path unpackJni() throws IOException {
        Path ric = Files.list(ricDir).filter(p -> p.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                .findFirst().orElseThrow(() -> new IOException("Lambda runtime interface client missing in " + ricDir
                        + " (run mvn package)"));
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String name = arch.contains("aarch64") || arch.contains("arm64") ? "libaws-lambda-jni.linux-aarch_64.so"
                : "libaws-lambda-jni.linux-x86_64.so";
        Path target = workDir.resolve(name);
        try (JarFile jar = new JarFile(ric.toFile()); InputStream in = jar.getInputStream(jar.getEntry("jni/" + name))) {
            Path temp = Files.createTempFile(workDir, "jni", ".so");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    public void register(FunctionConfig config) {
        pools.put(config.name(), new FunctionPool(config, this));
    }

    /** Starts one process now instead of on the first invocation. */
    public void start(String functionName) throws IOException {
        pool(functionName).start();
    }

    /** Scales the delay between asynchronous retries (Lambda: about 1 min then 2 min; locally 1 s then 2 s). */
    public void retryBackoff(Duration base) {
        this.retryBackoff = base;
    }

    @Override
    public InvokeResult invoke(String functionName, byte[] payload) throws InterruptedException {
        FunctionPool pool = pool(functionName);
        pool.invocations.incrementAndGet();
        if (payload.length > MAX_PAYLOAD) {
            pool.errors.incrementAndGet();
            return InvokeResult.error("RequestEntityTooLargeException", "payload of " + payload.length + " bytes exceeds 6 MB");
        }
        Invocation invocation = new Invocation(payload);
        try {
            pool.submit(invocation);
            InvokeResult result = invocation.result.get();
            if (!result.ok()) {
                pool.errors.incrementAndGet();
            }
            return result;
        } catch (IOException e) {
            pool.errors.incrementAndGet();
            return InvokeResult.error("Runtime.ExitError", "cannot start the function: " + e.getMessage());
        } catch (ExecutionException e) {
            pool.errors.incrementAndGet();
            return InvokeResult.error("Runtime.Unknown", String.valueOf(e.getCause()));
        }
    }

    @Override
    public void invokeAsync(String functionName, byte[] payload) {
        FunctionPool pool = pool(functionName);
        long enqueued = clock.millis();
        pool.asyncPending.incrementAndGet();
        asyncRunners.execute(() -> attempt(pool, payload, enqueued, 0));
    }

    /**
     * Asynchronous invocations of a function accepted and not finished yet: running, queued or waiting for a retry. Zero
     * when the function has worked through every event sent to it (what {@code ./fanops demo} waits for).
     */
    public long pendingAsync(String functionName) {
        return pool(functionName).asyncPending.get();
    }

    private void attempt(FunctionPool pool, byte[] payload, long enqueuedMillis, int attempt) {
        boolean retrying = false;
        try {
            retrying = tryOnce(pool, payload, enqueuedMillis, attempt);
        } finally {
            if (!retrying) {
                pool.asyncPending.decrementAndGet();
            }
        }
    }

    /** One attempt; true when a retry was scheduled (the invocation is still pending). */
    private boolean tryOnce(FunctionPool pool, byte[] payload, long enqueuedMillis, int attempt) {
        if (asyncRunners.isShutdown()) {
            return false;
        }
        FunctionConfig config = pool.config();
        try {
            InvokeResult result = invoke(config.name(), payload);
            if (result.ok() || "Runtime.Shutdown".equals(result.errorType())) {
                return false;
            }
            boolean tooOld = clock.millis() - enqueuedMillis > config.maxEventAgeSeconds() * 1000L;
            if (attempt < config.maxRetryAttempts() && !tooOld) {
                long delay = retryBackoff.toMillis() * (attempt + 1);
                scheduler.schedule(() -> asyncRunners.execute(() -> attempt(pool, payload, enqueuedMillis, attempt + 1)),
                        delay, TimeUnit.MILLISECONDS);
                return true;
            }
            pool.log("async invocation failed after " + (attempt + 1) + " attempts (" + result.errorType() + ")"
                    + (config.deadLetter() == null ? "; no dead-letter queue, event dropped" : "; sent to the dead-letter queue"));
            if (config.deadLetter() != null) {
                config.deadLetter().accept(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            pool.log("async delivery problem: " + e);
        }
        return false;
    }

    public Map<String, FunctionStats> stats() {
        Map<String, FunctionStats> out = new LinkedHashMap<>();
        pools.forEach((name, pool) -> out.put(name, pool.stats()));
        return out;
    }

    /** Kills a function's processes mid-work (tests prove nothing is lost or doubled); returns how many were killed. */
    public int kill(String functionName) {
        return pool(functionName).kill();
    }

    /** Process ids of every running function process (tests check none outlive close()). */
    public List<Long> pids() {
        return pools.values().stream().flatMap(p -> p.pids().stream()).toList();
    }

    private FunctionPool pool(String name) {
        FunctionPool pool = pools.get(name);
        if (pool == null) {
            throw new IllegalArgumentException("no function named " + name);
        }
        return pool;
    }

    Path workDir() {
        return workDir;
    }

    Path ricDir() {
        return ricDir;
    }

    Path jniLibrary() {
        return jniLibrary;
    }

    LogSink logs() {
        return logs;
    }

    String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    String functionArnPrefix() {
        return "arn:aws:lambda:us-east-1:000000000000:function:";
    }

    @Override
    public void close() {
        asyncRunners.shutdownNow();
        scheduler.shutdownNow();
        pools.values().parallelStream().forEach(FunctionPool::close);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
