package com.fanops.messaging.domain;

import com.fanops.platform.http.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an operator sees before saving a template: the message a kind's template makes in a locale, filled with sample
 * values (a sample member, sample parameters, sample links; a real member's nickname when one is named), and the SMS
 * segments it takes. A proposed template is checked as a saved one would be ({@link MessageTemplates#validate()}).
 */
public record TemplatePreview(String kind, String locale, String subject, String text, String html, String sms, int smsSegments) {

    /** The sample nickname per locale, when no member is named. */
    public static final Map<String, String> SAMPLE_NICKNAME = Map.of("zh-CN", "小明", "en", "Xiao Ming");

    private static final Map<String, String[]> SAMPLES = samples();

    public static TemplatePreview of(MessageKind kind, String locale, MessageTemplate template, String nickname) {
        Rendering r = Rendering.of(kind, locale, template, values(kind, locale, nickname));
        return new TemplatePreview(kind.key(), locale, r.subject(), r.text(), r.html(), r.sms(), SmsSegments.count(r.sms()));
    }

    /** The sample value of every placeholder the kind has, in the locale ({@code nickname} as given, or the sample member's). */
    public static Map<String, String> values(MessageKind kind, String locale, String nickname) {
        int at = "en".equals(locale) ? 1 : 0;
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : kind.placeholders().keySet()) {
            String[] sample = SAMPLES.get(name);
            out.put(name, sample == null ? "" : sample[at]);
        }
        out.put("nickname", nickname != null ? nickname : SAMPLE_NICKNAME.get(MessageTemplates.localeOf(locale)));
        return out;
    }

    /** The placeholders ({@code kind.name}) without a sample: a new kind or placeholder needs one here. */
    public static List<String> placeholdersWithoutSample() {
        List<String> missing = new ArrayList<>();
        for (MessageKind kind : MessageKind.values()) {
            kind.placeholders().keySet().stream().filter(p -> !p.equals("nickname") && !SAMPLES.containsKey(p))
                    .forEach(p -> missing.add(kind.key() + "." + p));
        }
        return missing;
    }

    /**
     * What is wrong with a proposed template of a kind in a locale, named {@code template.subject}, {@code template.body},
     * {@code template.sms}: the checks of a saved version, run on the defaults with this one template replaced.
     */
    public static List<FieldError> problems(MessageKind kind, String locale, MessageTemplate template) {
        Map<String, Map<String, MessageTemplate>> all = new HashMap<>(DefaultTemplates.get().templates());
        Map<String, MessageTemplate> byLocale = new HashMap<>(all.get(kind.key()));
        byLocale.put(locale, template);
        all.put(kind.key(), byLocale);
        String prefix = kind.key() + "." + locale + ".";
        List<FieldError> out = new ArrayList<>();
        for (FieldError e : new MessageTemplates(all).validate()) {
            if (e.field().startsWith(prefix)) {
                out.add(new FieldError("template." + e.field().substring(prefix.length()), e.message()));
            }
        }
        return out;
    }

    private static Map<String, String[]> samples() {
        Map<String, String[]> s = new HashMap<>();
        s.put("communityUrl", new String[] {"https://fans.example.com/member.html", "https://fans.example.com/member.html"});
        s.put(MessageKind.UNSUBSCRIBE, new String[] {"https://fans.example.com/unsubscribe.html#sample", "https://fans.example.com/unsubscribe.html#sample"});
        s.put("lastActiveDay", new String[] {"2026-09-15", "2026-09-15"});
        s.put("dormantDays", new String[] {"45", "45"});
        s.put("tier", new String[] {"金卡", "Gold"});
        s.put("fromTier", new String[] {"银卡", "Silver"});
        s.put("downgradeTo", new String[] {"银卡", "Silver"});
        s.put("downgradeOn", new String[] {"2026-12-31", "2026-12-31"});
        s.put("points", new String[] {"1200", "1200"});
        s.put("expiresOn", new String[] {"2026-12-31", "2026-12-31"});
        s.put("requestType", new String[] {"数据导出", "export"});
        s.put("requestStatus", new String[] {"已完成", "completed"});
        s.put("deadline", new String[] {"2026-12-15", "2026-12-15"});
        s.put("rewardName", new String[] {"签名海报", "Signed poster"});
        s.put("rewardType", new String[] {"实物", "item"});
        s.put("ticketNumber", new String[] {"C-20261124-0042", "C-20261124-0042"});
        s.put("replyBy", new String[] {"2026-11-25 18:00", "2026-11-25 18:00"});
        s.put("statusUrl", new String[] {"https://fans.example.com/complaint-status.html#C-20261124-0042.k1.token",
                "https://fans.example.com/complaint-status.html#C-20261124-0042.k1.token"});
        s.put("reply", new String[] {"感谢您的耐心等待，您反馈的问题已经解决。", "Thank you for your patience: the problem you reported is solved."});
        s.put("surveyUrl", new String[] {"https://fans.example.com/survey/C-20261124-0042", "https://fans.example.com/survey/C-20261124-0042"});
        s.put("pulseUrl", new String[] {"https://fans.example.com/pulse.html#p_5f0c8e2a9b7d41c3a6e1f0d2.k1.token",
                "https://fans.example.com/pulse.html#p_5f0c8e2a9b7d41c3a6e1f0d2.k1.token"});
        s.put("activity", new String[] {"年终粉丝见面会", "Year-end fan meeting"});
        s.put("startsAt", new String[] {"2026-12-20 19:00", "2026-12-20 19:00"});
        s.put("place", new String[] {"上海旗舰店", "Shanghai flagship store"});
        s.put("status", new String[] {"已报名", "registered"});
        s.put("no", new String[] {"42", "42"});
        s.put("activityUrl", new String[] {"https://fans.example.com/activity.html#act_k3x9q2", "https://fans.example.com/activity.html#act_k3x9q2"});
        s.put("text", new String[] {"您的会员卡已寄出，请注意查收。", "Your member card is on its way."});
        return Map.copyOf(s);
    }
}
