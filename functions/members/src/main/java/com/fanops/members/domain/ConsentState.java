package com.fanops.members.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The current consent of a member per purpose, derived from the ledger: the latest decision wins. */
public record ConsentState(Map<Purpose, Decision> decisions) {

    public record Decision(boolean granted, int noticeVersion, Instant at) {
    }

    public static ConsentState derive(List<ConsentEntry> ledger) {
        Map<Purpose, Decision> out = new EnumMap<>(Purpose.class);
        ledger.stream().sorted(Comparator.comparing(ConsentEntry::at).thenComparingLong(ConsentEntry::sequence))
                .forEach(e -> out.put(e.purpose(), new Decision(e.granted(), e.noticeVersion(), e.at())));
        return new ConsentState(out);
    }

    public boolean granted(Purpose purpose) {
        Decision d = decisions.get(purpose);
        return d != null && d.granted();
    }

    /** Granted against an older notice than the current one: the member must be asked again. */
    public boolean needsReconsent(Purpose purpose, int currentVersion) {
        Decision d = decisions.get(purpose);
        return d != null && d.granted() && d.noticeVersion() < currentVersion;
    }
}
