package com.fanops.members.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentStateTest {

    private static ConsentEntry entry(Purpose p, int version, boolean granted, String at, long sequence) {
        return new ConsentEntry("m", p, version, granted, Instant.parse(at), sequence, "web", "en", "h", "form", "member", null);
    }

    @Test
    void theLatestDecisionWinsWhateverTheLedgerOrder() {
        var ledger = List.of(entry(Purpose.MARKETING, 1, false, "2026-02-01T00:00:00Z", 2),
                entry(Purpose.MARKETING, 1, true, "2026-01-01T00:00:00Z", 1));
        assertFalse(ConsentState.derive(ledger).granted(Purpose.MARKETING));
        var sameInstant = List.of(entry(Purpose.MARKETING, 1, false, "2026-01-01T00:00:00Z", 2),
                entry(Purpose.MARKETING, 1, true, "2026-01-01T00:00:00Z", 1));
        assertFalse(ConsentState.derive(sameInstant).granted(Purpose.MARKETING));
    }

    @Test
    void consentToAnOlderNoticeNeedsRenewal() {
        var state = ConsentState.derive(List.of(entry(Purpose.PERSONALISATION, 1, true, "2026-01-01T00:00:00Z", 1)));
        assertTrue(state.needsReconsent(Purpose.PERSONALISATION, 2));
        assertFalse(state.needsReconsent(Purpose.PERSONALISATION, 1));
        assertFalse(state.needsReconsent(Purpose.MARKETING, 2), "no consent, nothing to renew");
    }
}
