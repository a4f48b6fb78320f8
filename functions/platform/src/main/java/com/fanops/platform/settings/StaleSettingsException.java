package com.fanops.platform.settings;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import java.util.List;

/**
 * A change edited from a version that is no longer the one in force: someone saved meanwhile. Every versioned
 * setting answers it the same way, a 409 problem with a stable type naming the version in force.
 */
public final class StaleSettingsException extends ProblemException {

    public static final String TYPE = Problem.BASE + "stale-settings";

    private final String settings;
    private final int basedOn;
    private final int current;

    public StaleSettingsException(String settings, int basedOn, int current) {
        super(new Problem(TYPE, "Settings changed meanwhile", 409,
                "You edited version " + basedOn + " of " + settings + ", but version " + current
                        + " is in force. Reload, then edit the version in force.",
                null, null, List.of(new FieldError("basedOn", "version " + current + " is in force; reload and edit it"))));
        this.settings = settings;
        this.basedOn = basedOn;
        this.current = current;
    }

    public String settings() {
        return settings;
    }

    public int basedOn() {
        return basedOn;
    }

    /** The version in force when the change was refused. */
    public int current() {
        return current;
    }
}
