package com.fanops.local.lambda;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A function's execution environments: started on demand up to its concurrency, kept warm, replaced when they die. */
final class FunctionPool {

    private final FunctionConfig config;
    private final LambdaService service;
    private final LinkedBlockingDeque<Invocation> pending = new LinkedBlockingDeque<>();
    private final List<FunctionProcess> processes = new CopyOnWriteArrayList<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger starting = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger coldStarts = new AtomicInteger();
    private final AtomicLong lastColdStart = new AtomicLong();
    private final AtomicLong maxColdStart = new AtomicLong();
    final AtomicLong invocations = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    /** Asynchronous invocations accepted and not yet finished (running, waiting for a retry, or queued). */
    final AtomicLong asyncPending = new AtomicLong();
    /** Processes that have asked for work at least once (the others are still starting). */
    private final java.util.Set<FunctionProcess> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    FunctionPool(FunctionConfig config, LambdaService service) {
        this.config = config;
        this.service = service;
    }

    FunctionConfig config() {
        return config;
    }

    Path workDir() {
        return service.workDir();
    }

    Path ricDir() {
        return service.ricDir();
    }

    String javaCommand() {
        return service.javaCommand();
    }

    Path jniLibrary() {
        return service.jniLibrary();
    }

    String functionArn() {
        return service.functionArnPrefix() + config.name();
    }

    void log(String line) {
        service.logs().line(config.name(), line);
    }

    void submit(Invocation invocation) throws IOException {
        pending.add(invocation);
        scale();
    }

    /** Starts a process when queued work outnumbers processes that are, or will soon be, waiting for it. */
    synchronized void scale() throws IOException {
        if (closing) {
            return;
        }
        while (!pending.isEmpty() && waiting.get() + starting.get() < pending.size() && processes.size() < config.maxConcurrency()) {
            starting.incrementAndGet();
            processes.add(new FunctionProcess(this, started.incrementAndGet()));
        }
    }

    void start() throws IOException {
        synchronized (this) {
            if (processes.isEmpty()) {
                starting.incrementAndGet();
                processes.add(new FunctionProcess(this, started.incrementAndGet()));
            }
        }
    }

    Invocation take(FunctionProcess process) throws InterruptedException {
        if (seen.add(process)) {
            starting.decrementAndGet();
        }
        waiting.incrementAndGet();
        try {
            while (!closing && process.alive()) {
                Invocation invocation = pending.poll(250, TimeUnit.MILLISECONDS);
                if (invocation != null) {
                    return invocation;
                }
            }
            return null;
        } finally {
            waiting.decrementAndGet();
        }
    }


    void requeue(Invocation invocation) {
        pending.addFirst(invocation);
    }

    void coldStart(long millis) {
        coldStarts.incrementAndGet();
        lastColdStart.set(millis);
        maxColdStart.accumulateAndGet(millis, Math::max);
    }

    /** A process died before asking for work: fail what waits, so callers get the init error instead of hanging. */
    void initFailed(String type, String message) {
        for (Invocation invocation; (invocation = pending.poll()) != null; ) {
            invocation.result.complete(InvokeResult.error(type, message));
        }
    }

    void removed(FunctionProcess process) {
        if (!seen.remove(process)) {
            starting.decrementAndGet();
        }
        processes.remove(process);
        if (!closing && !pending.isEmpty()) {
            try {
                scale();
            } catch (IOException e) {
                initFailed("Runtime.ExitError", "cannot start a new process: " + e.getMessage());
            }
        }
    }

    void checkTimeouts(long nowMillis) {
        for (FunctionProcess process : processes) {
            Invocation invocation = process.current();
            if (invocation != null && invocation.deadlineMillis > 0 && nowMillis > invocation.deadlineMillis) {
                log("Task timed out after " + config.timeoutSeconds() + " seconds (request " + invocation.requestId + ")");
                process.timeOut(invocation);
            }
        }
    }

    FunctionStats stats() {
        return new FunctionStats(coldStarts.get(), lastColdStart.get(), maxColdStart.get(), invocations.get(), errors.get(),
                (int) processes.stream().filter(FunctionProcess::alive).count());
    }

    List<Long> pids() {
        return processes.stream().map(FunctionProcess::pid).toList();
    }

    /** Kills every process of the function at once (SIGKILL), as a crash would; new work starts new processes. */
    int kill() {
        List<Long> killed = pids();
        killed.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        return killed.size();
    }

    void close() {
        closing = true;
        processes.parallelStream().forEach(FunctionProcess::destroy);
        for (Invocation invocation; (invocation = pending.poll()) != null; ) {
            invocation.result.complete(InvokeResult.error("Runtime.Shutdown", "the local runtime is stopping"));
        }
    }
}
