package com.fanops.engagement.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One member's business day, as the scorer keeps it: the engagement it added, how many interactions counted,
 * and the day's points lot - earned (by counted interactions and purchases), reversed by refunds, adjusted by
 * staff, still remaining, expired - plus tier spend and referrals. {@code expiresOn} is when the lot expires
 * (null when it never held points).
 */
public record MemberDay(LocalDate day, long weight, long counted, long earned, long reversed, long adjusted, long remaining,
                        long expired, BigDecimal spend, long referrals, LocalDate expiresOn) {

    public boolean active() {
        return counted > 0;
    }

    public boolean usableOn(LocalDate date) {
        return remaining > 0 && expiresOn != null && expiresOn.isAfter(date);
    }
}
