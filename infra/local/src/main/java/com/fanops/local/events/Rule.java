package com.fanops.local.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A rule on a bus: an event pattern or a schedule, its state, and its targets by id. */
final class Rule {

    record Target(String id, String arn, String input, String inputPath) {
    }

    final String name;
    final String bus;
    final String arn;
    volatile String pattern;
    volatile String scheduleExpression;
    volatile ScheduleExpression schedule;
    volatile boolean enabled = true;
    volatile String description;
    volatile Instant nextFire;
    final Map<String, Target> targets = new LinkedHashMap<>();

    Rule(String name, String bus, String arn) {
        this.name = name;
        this.bus = bus;
        this.arn = arn;
    }
}
