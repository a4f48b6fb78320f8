package com.fanops.archcycleb;

import com.fanops.archcyclea.CallsB;

/** Deliberate violation: the other half of the cycle. */
public final class CallsA {
    public int call(CallsB other) {
        return other.hashCode();
    }
}
