package com.fanops.members.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Dates;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A filter and an order over the member directory: what the list, the export and a saved segment ask for. Read from
 * query parameters (or a segment's saved filter, the same names) by {@link #parse}, every value checked: a bad one is a
 * 400 naming its field. Without {@code status} the directory lists the admitted members ({@link #ADMITTED}).
 */
public record DirectoryQuery(List<String> statuses, String tier, String category, String channel, String kind, LocalDate joinedFrom,
                             LocalDate joinedTo, Boolean dormant, Boolean marketing, BigDecimal scoreMin, BigDecimal scoreMax, Sort sort) {

    /** Members whose membership is current and admitted: what operators mean by "the members". */
    public static final List<String> ADMITTED = List.of("active", "warned", "muted");
    /** Statuses the directory holds: every one but {@code pending} (a sign-up under review is announced by no event). */
    public static final List<String> STATUSES = List.of("active", "warned", "muted", "left", "removed", "rejected", "erased");
    public static final List<String> KINDS = Arrays.stream(MemberKind.values()).map(MemberKind::key).toList();
    public static final List<String> FILTERS = List.of("status", "tier", "category", "channel", "kind", "joinedFrom", "joinedTo",
            "dormant", "marketing", "scoreMin", "scoreMax", "sort");
    public static final BigDecimal MAX_SCORE = new BigDecimal("10000000");
    private static final Pattern SCORE = Pattern.compile("[0-9]{1,8}(\\.[0-9]{1,3})?");

    public enum Sort {
        JOINED_DESC, JOINED_ASC, SCORE_DESC, SCORE_ASC;

        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public boolean byScore() {
            return this == SCORE_DESC || this == SCORE_ASC;
        }

        public boolean descending() {
            return this == JOINED_DESC || this == SCORE_DESC;
        }

        public static final List<String> KEYS = Arrays.stream(values()).map(Sort::key).toList();
    }

    /** Every admitted member, newest first. */
    public static DirectoryQuery everyone() {
        return parse(Map.of());
    }

    /** The filter from named values (query parameters or a saved segment); an absent name is no filter, an empty value a 400. */
    public static DirectoryQuery parse(Map<String, String> values) {
        List<FieldError> errors = new ArrayList<>();
        String status = oneOf(errors, values, "status", STATUSES);
        String tier = oneOf(errors, values, "tier", Ranks.TIERS);
        String category = oneOf(errors, values, "category", Ranks.CATEGORIES);
        String channel = oneOf(errors, values, "channel", MemberIds.CHANNEL_KEYS);
        String kind = oneOf(errors, values, "kind", KINDS);
        LocalDate from = date(errors, values, "joinedFrom");
        LocalDate to = date(errors, values, "joinedTo");
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("joinedFrom", "must not be after joinedTo"));
        }
        Boolean dormant = bool(errors, values, "dormant");
        Boolean marketing = bool(errors, values, "marketing");
        BigDecimal min = score(errors, values, "scoreMin");
        BigDecimal max = score(errors, values, "scoreMax");
        if (min != null && max != null && min.compareTo(max) > 0) {
            errors.add(new FieldError("scoreMin", "must not be above scoreMax"));
        }
        String sort = oneOf(errors, values, "sort", Sort.KEYS);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new DirectoryQuery(status == null ? ADMITTED : List.of(status), tier, category, channel, kind, from, to, dormant, marketing,
                min, max, sort == null ? Sort.JOINED_DESC : Sort.valueOf(sort.toUpperCase(Locale.ROOT).replace('-', '_')));
    }

    /** The filter as named values, only those set (what a segment saves, and what a cursor is bound to). */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        if (!statuses.equals(ADMITTED)) {
            out.put("status", statuses.get(0));
        }
        put(out, "tier", tier);
        put(out, "category", category);
        put(out, "channel", channel);
        put(out, "kind", kind);
        put(out, "joinedFrom", joinedFrom);
        put(out, "joinedTo", joinedTo);
        put(out, "dormant", dormant);
        put(out, "marketing", marketing);
        put(out, "scoreMin", scoreMin == null ? null : scoreMin.toPlainString());
        put(out, "scoreMax", scoreMax == null ? null : scoreMax.toPlainString());
        if (sort != Sort.JOINED_DESC) {
            out.put("sort", sort.key());
        }
        return out;
    }

    /** Whether an entry passes every filter (the store's conditions, said once more for tests and in-memory checks). */
    public boolean matches(DirectoryEntry e, ZoneId zone) {
        LocalDate joined = e.joinedAt() == null ? null : LocalDate.ofInstant(e.joinedAt(), zone);
        BigDecimal score = BigDecimal.valueOf(e.score());
        return e.listed() && statuses.contains(e.status()) && (tier == null || tier.equals(e.tier()))
                && (category == null || category.equals(e.category())) && (channel == null || channel.equals(e.channel()))
                && (kind == null || kind.equals(e.kind())) && (joinedFrom == null || !joined.isBefore(joinedFrom))
                && (joinedTo == null || !joined.isAfter(joinedTo)) && (dormant == null || dormant == e.dormant())
                && (marketing == null || marketing == e.marketing()) && (scoreMin == null || score.compareTo(scoreMin) >= 0)
                && (scoreMax == null || score.compareTo(scoreMax) <= 0);
    }

    private static void put(Map<String, String> out, String name, Object value) {
        if (value != null) {
            out.put(name, value.toString());
        }
    }

    private static String raw(Map<String, String> values, String name) {
        return values.get(name);
    }

    private static String oneOf(List<FieldError> errors, Map<String, String> values, String name, List<String> allowed) {
        String v = raw(values, name);
        if (v != null && !allowed.contains(v)) {
            errors.add(new FieldError(name, "must be one of " + String.join(", ", allowed)));
            return null;
        }
        return v;
    }

    private static LocalDate date(List<FieldError> errors, Map<String, String> values, String name) {
        String v = raw(values, name);
        if (v == null) {
            return null;
        }
        try {
            return Dates.parse(v);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, e.getMessage()));
            return null;
        }
    }

    private static Boolean bool(List<FieldError> errors, Map<String, String> values, String name) {
        String v = raw(values, name);
        if (v == null) {
            return null;
        }
        if (!v.equals("true") && !v.equals("false")) {
            errors.add(new FieldError(name, "must be true or false"));
            return null;
        }
        return Boolean.valueOf(v);
    }

    private static BigDecimal score(List<FieldError> errors, Map<String, String> values, String name) {
        String v = raw(values, name);
        if (v == null) {
            return null;
        }
        if (v.length() > 12 || !SCORE.matcher(v).matches() || new BigDecimal(v).compareTo(MAX_SCORE) > 0) {
            errors.add(new FieldError(name, "must be a number from 0 to " + MAX_SCORE.toPlainString() + " with at most 3 decimals"));
            return null;
        }
        return new BigDecimal(v).stripTrailingZeros();
    }
}
