package com.fanops.platform.limits;

import com.fanops.platform.http.Problem;
import com.fanops.platform.http.ProblemException;
import java.util.Map;

/** 429 {@code rate-limited}: the answer carries {@code Retry-After}, the seconds until the window that refused ends. */
public final class RateLimitedException extends ProblemException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super(new Problem(Problem.BASE + "rate-limited", "Too many requests", 429,
                "Too many requests of this kind; try again in " + retryAfterSeconds + " seconds.", null, null, null));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("retry-after", String.valueOf(retryAfterSeconds));
    }
}
