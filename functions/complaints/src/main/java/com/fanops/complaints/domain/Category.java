package com.fanops.complaints.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a complaint is about: the fixed list of the public form (000 §7, 004 §4.2). */
public enum Category {
    PRODUCT, SERVICE, DELIVERY, ACTIVITY, ACCOUNT, PRIVACY, OTHER;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Category> of(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(Category::key).toList();
    }
}
