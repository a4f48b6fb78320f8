package com.fanops.complaints.app;

import com.fanops.complaints.domain.Submission;

/** Where the public API leaves a checked complaint for the intake function (the complaints queue). */
public interface Submissions {
    void submit(Submission submission);
}
