package com.fanops.local.events;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * EventBridge Scheduler's schedules (SAM {@code ScheduleV2}), run locally: a cron read in the schedule's time zone,
 * and at each firing the schedule's {@code Input} - not an EventBridge event - sent to the target, with the context
 * attributes ({@code <aws.scheduler.scheduled-time>} and the others) filled in as Scheduler does. A target that
 * cannot be reached is retried, then the input goes to the schedule's dead-letter queue. Only what the template
 * declares: there is no Scheduler API endpoint.
 */
public final class LocalScheduler implements AutoCloseable {

    /** A schedule with its references resolved; {@code deadLetterArn} may be null. */
    public record Schedule(String name, String expression, ZoneId zone, String input, String targetArn, boolean enabled,
                           String deadLetterArn, int maximumRetryAttempts) {
    }

    private static final int LOCAL_ATTEMPTS = 3;

    private final String region;
    private final String account;
    private final TargetDispatcher dispatcher;
    private final Clock clock;
    private final Map<String, Entry> schedules = new ConcurrentHashMap<>();
    private final ExecutorService deliveries = Executors.newFixedThreadPool(2, daemon("scheduler-delivery"));
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, daemon("scheduler-timer"));

    private static final class Entry {
        final Schedule spec;
        final ScheduleExpression expression;
        volatile Instant nextFire;

        Entry(Schedule spec, ScheduleExpression expression, Instant nextFire) {
            this.spec = spec;
            this.expression = expression;
            this.nextFire = nextFire;
        }
    }

    private volatile boolean held;

    public LocalScheduler(String region, String accountId, TargetDispatcher dispatcher, Clock clock) {
        this.region = region;
        this.account = accountId;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::fireDue, 1, 1, TimeUnit.SECONDS);
    }

    /** Creates a schedule; an expression Scheduler would refuse is refused here too. */
    public void create(Schedule schedule) {
        if (schedules.containsKey(schedule.name())) {
            throw new IllegalArgumentException("Schedule " + schedule.name() + " already exists.");
        }
        ScheduleExpression expression = ScheduleExpression.parse(schedule.expression(),
                clock.instant().truncatedTo(ChronoUnit.MINUTES), schedule.zone());
        schedules.put(schedule.name(), new Entry(schedule, expression, expression.next(clock.instant()).orElse(null)));
    }

    public boolean contains(String name) {
        return schedules.containsKey(name);
    }

    public List<String> names() {
        return schedules.keySet().stream().sorted().toList();
    }

    public Optional<Instant> nextFireTime(String name, Instant after) {
        Entry entry = schedules.get(name);
        return entry == null ? Optional.empty() : entry.expression.next(after);
    }

    /** Invokes a schedule's target now, as if it fired at {@code scheduledTime}; returns the input of the first attempt. */
    public String fire(String name, Instant scheduledTime) {
        Entry entry = schedules.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("no schedule named " + name);
        }
        return deliver(entry.spec, scheduledTime);
    }

    /**
     * Holds every schedule (as if disabled) until {@code held(false)}: runs that fall due meanwhile are not made, and
     * the next one after is. For harnesses that must tell a request's writes from a job's (the fuzzer).
     */
    public void held(boolean held) {
        this.held = held;
    }

    private void fireDue() {
        Instant now = clock.instant();
        for (Entry entry : schedules.values()) {
            Instant due = entry.nextFire;
            if (due != null && !due.isAfter(now)) {
                entry.nextFire = entry.expression.next(due).orElse(null);
                if (entry.spec.enabled() && !held) {
                    deliveries.execute(() -> deliver(entry.spec, due));
                }
            }
        }
    }

    /** Scheduler retries for up to 24 h (RetryPolicy); locally a few quick attempts, then the dead-letter queue. */
    private String deliver(Schedule schedule, Instant scheduledTime) {
        int attempts = Math.min(LOCAL_ATTEMPTS, schedule.maximumRetryAttempts() + 1);
        String first = null;
        for (int attempt = 1; ; attempt++) {
            String input = input(schedule.input(), arn(schedule.name()), scheduledTime, newExecutionId(), attempt);
            first = first == null ? input : first;
            try {
                dispatcher.deliver(schedule.targetArn(), input);
                return first;
            } catch (Exception e) {
                if (attempt >= attempts) {
                    deadLetter(schedule, input, e);
                    return first;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return first;
                }
            }
        }
    }

    private void deadLetter(Schedule schedule, String input, Exception failure) {
        if (schedule.deadLetterArn() == null) {
            System.err.println("[local] Scheduler gave up invoking " + schedule.targetArn() + " for " + schedule.name() + ": " + failure);
            return;
        }
        try {
            dispatcher.deliver(schedule.deadLetterArn(), input);
            System.err.println("[local] Scheduler could not invoke " + schedule.targetArn() + " for " + schedule.name()
                    + "; input sent to its dead-letter queue: " + failure);
        } catch (Exception e) {
            System.err.println("[local] Scheduler lost a run of " + schedule.name() + ": " + failure + "; dead-letter queue: " + e);
        }
    }

    /**
     * The schedule's input with Scheduler's context attributes filled in; without an input Scheduler sends {@code {}}.
     * The scheduled time is ISO-8601 UTC to the second ({@code 2026-03-01T16:05:00Z}), whatever the schedule's zone.
     */
    static String input(String template, String scheduleArn, Instant scheduledTime, String executionId, int attempt) {
        if (template == null) {
            return "{}";
        }
        return template.replace("<aws.scheduler.schedule-arn>", scheduleArn)
                .replace("<aws.scheduler.scheduled-time>", scheduledTime.truncatedTo(ChronoUnit.SECONDS).toString())
                .replace("<aws.scheduler.execution-id>", executionId)
                .replace("<aws.scheduler.attempt-number>", Integer.toString(attempt));
    }

    private String arn(String name) {
        return "arn:aws:scheduler:" + region + ":" + account + ":schedule/default/" + name;
    }

    private static String newExecutionId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
        deliveries.shutdownNow();
    }
}
