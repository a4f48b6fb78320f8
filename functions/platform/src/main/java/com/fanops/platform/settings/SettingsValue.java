package com.fanops.platform.settings;

import com.fanops.platform.http.FieldError;
import java.time.Instant;
import java.util.List;

/**
 * A kind of settings that operators change through {@link VersionedSettings}: a value that checks itself.
 *
 * @param <T> the settings type itself
 */
public interface SettingsValue<T extends SettingsValue<T>> {

    /** What is wrong with these settings, field by field, in the value's own field names (empty when they can be saved). */
    List<FieldError> validate();

    /**
     * These settings as the given version. Types that carry their version themselves (the engagement rules, whose
     * version every counted interaction records) return a copy stamped with it; the others are returned as they are.
     */
    @SuppressWarnings("unchecked")
    default T asVersion(int version, String changedBy, Instant changedAt) {
        return (T) this;
    }
}
