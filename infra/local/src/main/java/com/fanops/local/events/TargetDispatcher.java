package com.fanops.local.events;

/** Delivers an event to a rule target: a function ARN (asynchronous invoke) or a queue ARN (SendMessage). */
@FunctionalInterface
public interface TargetDispatcher {
    void deliver(String targetArn, String input) throws Exception;
}
