package com.fanops.platform.archfixture;

import com.fanops.members.archfixture.CapabilityType;

/** Deliberate violation: platform code that knows a capability. */
public final class PlatformUsingCapability {
    public String id(CapabilityType type) {
        return type.id();
    }
}
