package com.fanops.messaging.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message made from its template: the e-mail subject, text and HTML parts, and the SMS text. Every marketing message
 * carries its one-click unsubscribe link, whether or not the template placed it.
 */
public record Rendering(String subject, String text, String html, String sms) {

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    public static Rendering of(MessageKind kind, String locale, MessageTemplate t, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        String subject = MessageTemplate.fill(t.subject(), all).replaceAll("[\\r\\n]+", " ").strip();
        String text = MessageTemplate.fill(t.body(), all);
        String sms = MessageTemplate.fill(t.sms(), all);
        String unsubscribe = all.get(MessageKind.UNSUBSCRIBE);
        if (kind.marketing() && unsubscribe != null) {
            if (!MessageTemplate.placeholders(t.body()).contains(MessageKind.UNSUBSCRIBE)) {
                text = text + "\n\n" + ("en".equals(locale) ? "Unsubscribe from these messages: " : "退订此类消息：") + unsubscribe;
            }
            if (!MessageTemplate.placeholders(t.sms()).contains(MessageKind.UNSUBSCRIBE)) {
                sms = sms + smsUnsubscribe(locale, unsubscribe);
            }
        }
        return new Rendering(subject, text, html(text), sms);
    }

    static String smsUnsubscribe(String locale, String url) {
        return ("en".equals(locale) ? " Unsubscribe: " : " 退订：") + url;
    }

    /** The text as simple HTML: escaped, paragraphs kept, links clickable. */
    static String html(String text) {
        StringBuilder out = new StringBuilder("<!doctype html><html><body>");
        for (String paragraph : text.split("\\n\\s*\\n")) {
            out.append("<p>");
            Matcher m = URL.matcher(paragraph);
            int last = 0;
            while (m.find()) {
                out.append(escape(paragraph.substring(last, m.start())).replace("\n", "<br>"));
                String url = escape(m.group());
                out.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
                last = m.end();
            }
            out.append(escape(paragraph.substring(last)).replace("\n", "<br>")).append("</p>");
        }
        return out.append("</body></html>").toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
