package com.fanops.archfixture.bad.handler;

/** Deliberate violation: a handler that builds an item key. */
public final class KeyedHandler {
    public String key(String memberId) {
        return "MEMBER#" + memberId;
    }
}
