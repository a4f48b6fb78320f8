package com.fanops.local.messaging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An e-mail the SES stand-in accepted, as SendEmail described it; kept in memory for the inspection endpoints. */
record SentEmail(String messageId, String region, Instant timestamp, String from, List<String> to, List<String> cc,
                 List<String> bcc, List<String> replyTo, String subject, String text, String html, List<Field> headers,
                 List<Field> tags, String configurationSet) {

    /** A name and a value: a message header or an e-mail tag. */
    record Field(String name, String value) {
    }

    List<String> recipients() {
        List<String> all = new ArrayList<>(to);
        all.addAll(cc);
        all.addAll(bcc);
        return all;
    }

    String header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Field::value).findFirst().orElse(null);
    }
}
