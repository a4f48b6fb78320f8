package com.fanops.rewards.domain;

import java.time.LocalDate;
import java.util.List;

/** A holiday of the reward calendar: its names and the business days it falls on (lunar holidays move every year). */
public record Holiday(Texts name, List<LocalDate> dates) {

    public Holiday {
        dates = dates == null ? List.of() : List.copyOf(dates);
    }
}
