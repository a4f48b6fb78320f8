package com.fanops.rewards.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.input.Text;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A text in both dashboard and member-page languages: Chinese (zh-CN) and English (en). */
public record Texts(@JsonProperty("zh-CN") String zhCN, @JsonProperty("en") String en) {

    /** Checks both languages under the platform's text hygiene; a name is one line, a description may span lines. */
    public static Texts checked(List<FieldError> errors, String field, Texts texts, int max, boolean multiLine, boolean required) {
        if (texts == null) {
            if (required) {
                errors.add(new FieldError(field, "is required, in zh-CN and en"));
            }
            return null;
        }
        String zh = multiLine ? Text.multiLine(errors, field + ".zh-CN", texts.zhCN(), max, required)
                : Text.line(errors, field + ".zh-CN", texts.zhCN(), max, required);
        String en = multiLine ? Text.multiLine(errors, field + ".en", texts.en(), max, required)
                : Text.line(errors, field + ".en", texts.en(), max, required);
        return new Texts(zh, en);
    }
}
