package com.fanops.complaints.domain;

import java.time.Instant;
import java.util.List;

/**
 * A checked complaint on its way from the public API to the intake function (the complaints queue's message). The
 * personal data is already field ciphertext (record id = the ticket id), the contact known only by type and blind index:
 * the queue never carries plaintext.
 */
public record Submission(String ticketId, Instant submittedAt, String memberId, String locale, String category, String reference,
                         List<String> attachments, String contactType, String contactIndex, String nameEnc, String contactEnc,
                         String descriptionEnc) {

    public Submission {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
