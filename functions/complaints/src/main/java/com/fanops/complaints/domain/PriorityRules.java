package com.fanops.complaints.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.settings.SettingsValue;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a new ticket's priority is decided (versioned setting {@code complaints-priority}): each category's base priority,
 * raised by any keyword rule whose word appears in the description (case-insensitive), then one level up for a diamond
 * member when {@code diamondRaises}.
 */
public record PriorityRules(Map<String, String> categories, List<KeywordRule> keywords, boolean diamondRaises)
        implements SettingsValue<PriorityRules> {

    /** Any of {@code words} in the description makes the ticket at least {@code priority}. */
    public record KeywordRule(String priority, List<String> words) {
        public KeywordRule {
            words = words == null ? List.of() : List.copyOf(words);
        }
    }

    public PriorityRules {
        categories = categories == null ? Map.of() : Map.copyOf(categories);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    public static PriorityRules defaults() {
        Map<String, String> c = new LinkedHashMap<>();
        for (Category cat : Category.values()) {
            c.put(cat.key(), cat == Category.PRIVACY ? "high" : "normal");
        }
        return new PriorityRules(c, List.of(
                new KeywordRule("urgent", List.of("injury", "injured", "fire", "poison", "allergic", "lawsuit", "journalist",
                        "受伤", "起火", "中毒", "过敏", "起诉", "媒体", "记者", "曝光", "报警")),
                new KeywordRule("high", List.of("refund", "fraud", "leak", "again", "退款", "诈骗", "泄露", "再次", "多次"))), true);
    }

    /** The priority of a ticket of this category and description, for a member of this tier (diamond or not). */
    public Priority decide(Category category, String description, boolean diamond) {
        Priority p = Priority.of(categories.getOrDefault(category.key(), "normal")).orElse(Priority.NORMAL);
        String text = Normalizer.normalize(description == null ? "" : description, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        for (KeywordRule rule : keywords) {
            Priority raised = Priority.of(rule.priority()).orElse(Priority.LOW);
            for (String w : rule.words()) {
                if (!w.isBlank() && text.contains(w.toLowerCase(Locale.ROOT))) {
                    p = p.max(raised);
                    break;
                }
            }
        }
        return diamond && diamondRaises ? p.raised() : p;
    }

    @Override
    public List<FieldError> validate() {
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, String> e : categories.entrySet()) {
            if (Category.of(e.getKey()).isEmpty()) {
                errors.add(new FieldError("categories." + e.getKey(), "is not a category"));
            } else if (e.getValue() == null || Priority.of(e.getValue()).isEmpty()) {
                errors.add(new FieldError("categories." + e.getKey(), "must be one of " + String.join(", ", Priority.keys())));
            }
        }
        if (keywords.size() > 20) {
            errors.add(new FieldError("keywords", "at most 20 rules"));
        }
        for (int i = 0; i < keywords.size(); i++) {
            KeywordRule r = keywords.get(i);
            if (r.priority() == null || Priority.of(r.priority()).isEmpty()) {
                errors.add(new FieldError("keywords[" + i + "].priority", "must be one of " + String.join(", ", Priority.keys())));
            }
            if (r.words().isEmpty() || r.words().size() > 200) {
                errors.add(new FieldError("keywords[" + i + "].words", "1-200 words"));
            }
            for (int j = 0; j < r.words().size(); j++) {
                String w = r.words().get(j);
                if (w == null || w.isBlank() || w.length() > 40) {
                    errors.add(new FieldError("keywords[" + i + "].words[" + j + "]", "a word of 1-40 characters"));
                }
            }
        }
        return errors;
    }
}
