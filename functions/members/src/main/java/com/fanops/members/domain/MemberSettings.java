package com.fanops.members.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.settings.SettingsValue;
import java.util.List;

/**
 * The community's member settings, one version of them (versioned through the platform's settings mechanism).
 *
 * @param admission {@code auto}: a sign-up becomes a member at once; {@code review}: it waits, pending, for an operator
 */
public record MemberSettings(String admission) implements SettingsValue<MemberSettings> {

    public static final List<String> ADMISSION = List.of("auto", "review");

    public static MemberSettings defaults() {
        return new MemberSettings("auto");
    }

    /** Whether sign-ups wait for an operator's review. */
    public boolean review() {
        return "review".equals(admission);
    }

    @Override
    public List<FieldError> validate() {
        return admission != null && ADMISSION.contains(admission) ? List.of()
                : List.of(new FieldError("admission", "must be auto or review"));
    }
}
