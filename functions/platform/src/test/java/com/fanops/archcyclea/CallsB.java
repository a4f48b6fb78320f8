package com.fanops.archcyclea;

import com.fanops.archcycleb.CallsA;

/** Deliberate violation: one half of a cycle between two capabilities. */
public final class CallsB {
    public int call(CallsA other) {
        return other.hashCode();
    }
}
