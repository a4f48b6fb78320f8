package com.fanops.engagement.domain;

import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import java.util.ArrayList;
import java.util.List;

/** An admin's request for a channel API key: a known channel and a name that shows something, cleaned. */
public record ChannelKeyRequest(String channel, String name) {

    public static final List<String> CHANNELS = List.of("web", "wechat", "weibo", "douyin", "store", "event");
    public static final int NAME_MAX = 80;

    public static ChannelKeyRequest of(String channel, String name) {
        List<FieldError> errors = new ArrayList<>();
        if (channel == null || !CHANNELS.contains(channel)) {
            errors.add(new FieldError("channel", "must be one of " + CHANNELS));
        }
        String clean = Text.name(errors, "name", name, NAME_MAX, true);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new ChannelKeyRequest(channel, clean);
    }
}
