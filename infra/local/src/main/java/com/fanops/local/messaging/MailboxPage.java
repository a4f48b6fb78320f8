package com.fanops.local.messaging;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local mailbox: every e-mail and text the stand-in was sent, newest first, for a person at a browser. Everything
 * rendered is escaped; an e-mail's HTML is shown as source, and its links (from the bodies and List-Unsubscribe) are
 * made clickable, http(s) and mailto only. No script and no inline style, so the page carries a strict CSP.
 */
final class MailboxPage {

    static final String STYLESHEET = "/mailbox.css";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; form-action http: https:; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private static final Pattern URL_IN_TEXT = Pattern.compile("(?:https?://|mailto:)[^\\s<>\"']+");
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')", Pattern.CASE_INSENSITIVE);
    private static final Pattern ANGLED = Pattern.compile("<([^>]+)>");
    private static final String CSS = """
            body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem; color: #1d1d1f; }
            h1 { margin-bottom: 0.2rem; } .hint { color: #555; margin-top: 0; }
            article { border: 1px solid #d0d0d5; border-radius: 6px; padding: 0.8rem 1rem; margin: 1rem 0; }
            article h3 { margin: 0 0 0.5rem; }
            dl { display: grid; grid-template-columns: 9rem 1fr; gap: 0.15rem 0.8rem; margin: 0 0 0.6rem; }
            dt { color: #555; } dd { margin: 0; overflow-wrap: anywhere; }
            pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f8; padding: 0.6rem; border-radius: 4px; }
            table { border-collapse: collapse; width: 100%; } td, th { text-align: left; vertical-align: top;
              border-bottom: 1px solid #e3e3e8; padding: 0.25rem 0.5rem; overflow-wrap: anywhere; }
            .empty { color: #555; font-style: italic; } form { display: inline; }
            """;

    private MailboxPage() {
    }

    static void serve(HttpExchange exchange, List<SentEmail> newestFirst, List<SentSms> textsNewestFirst) throws IOException {
        securityHeaders(exchange);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        MessagingServer.reply(exchange, 200, "text/html; charset=utf-8",
                render(newestFirst, textsNewestFirst).getBytes(StandardCharsets.UTF_8));
    }

    static void serveStylesheet(HttpExchange exchange) throws IOException {
        securityHeaders(exchange);
        MessagingServer.reply(exchange, 200, "text/css; charset=utf-8", CSS.getBytes(StandardCharsets.UTF_8));
    }

    private static void securityHeaders(HttpExchange exchange) {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
    }

    static String render(List<SentEmail> emails, List<SentSms> texts) {
        StringBuilder b = new StringBuilder(4096);
        b.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Local mailbox</title>")
                .append("<link rel=\"stylesheet\" href=\"").append(STYLESHEET).append("\"></head><body>\n")
                .append("<h1>Local mailbox</h1><p class=\"hint\">What the local SES and SMS stand-ins were sent, newest first. ")
                .append("Nothing leaves this machine. Reload to see new messages.</p>\n");
        b.append("<h2>E-mail (").append(emails.size()).append(")</h2>\n");
        if (emails.isEmpty()) {
            b.append("<p class=\"empty\">No e-mail yet.</p>\n");
        }
        emails.forEach(mail -> email(b, mail));
        b.append("<h2>SMS (").append(texts.size()).append(")</h2>\n");
        if (texts.isEmpty()) {
            b.append("<p class=\"empty\">No text message yet.</p>\n");
        } else {
            b.append("<table><thead><tr><th>Sent</th><th>To</th><th>Type</th><th>From</th><th>Message</th></tr></thead><tbody>\n");
            for (SentSms t : texts) {
                b.append("<tr><td>").append(escape(SesEvents.iso(t.timestamp()))).append("</td><td>").append(escape(t.phoneNumber()))
                        .append("</td><td>").append(escape(t.messageType())).append("</td><td>")
                        .append(escape(t.originationIdentity())).append("</td><td>");
                linkedText(b, t.body());
                b.append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static void email(StringBuilder b, SentEmail mail) {
        b.append("<article><h3>").append(escape(mail.subject())).append("</h3><dl>");
        row(b, "From", mail.from());
        row(b, "To", String.join(", ", mail.to()));
        if (!mail.cc().isEmpty()) {
            row(b, "Cc", String.join(", ", mail.cc()));
        }
        if (!mail.bcc().isEmpty()) {
            row(b, "Bcc", String.join(", ", mail.bcc()));
        }
        row(b, "Sent", SesEvents.iso(mail.timestamp()));
        row(b, "Message id", mail.messageId());
        if (mail.configurationSet() != null) {
            row(b, "Configuration set", mail.configurationSet());
        }
        if (!mail.tags().isEmpty()) {
            row(b, "Tags", String.join(", ", mail.tags().stream().map(t -> t.name() + "=" + t.value()).toList()));
        }
        b.append("</dl>");
        if (!mail.headers().isEmpty()) {
            b.append("<h4>Headers</h4><table><tbody>");
            for (SentEmail.Field h : mail.headers()) {
                b.append("<tr><th>").append(escape(h.name())).append("</th><td>");
                linkedText(b, h.value());
                b.append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        String oneClick = oneClickUnsubscribe(mail);
        if (oneClick != null) {
            // RFC 8058: what a mail client does on "unsubscribe" - a POST of List-Unsubscribe=One-Click to the https URI.
            b.append("<div><form method=\"post\" action=\"").append(escape(oneClick)).append("\">")
                    .append("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">")
                    .append("<button type=\"submit\">One-click unsubscribe (POST)</button></form></div>");
        }
        if (mail.text() != null) {
            b.append("<h4>Text</h4><pre>");
            linkedText(b, mail.text());
            b.append("</pre>");
        }
        if (mail.html() != null) {
            List<String> links = htmlLinks(mail.html());
            if (!links.isEmpty()) {
                b.append("<h4>Links in the HTML</h4><ul>");
                links.forEach(link -> b.append("<li>").append(anchor(link)).append("</li>"));
                b.append("</ul>");
            }
            b.append("<h4>HTML (source)</h4><pre>").append(escape(mail.html())).append("</pre>");
        }
        b.append("</article>\n");
    }

    private static void row(StringBuilder b, String label, String value) {
        b.append("<dt>").append(escape(label)).append("</dt><dd>").append(escape(value)).append("</dd>");
    }

    /** Text with its URLs as links; everything else escaped. */
    private static void linkedText(StringBuilder b, String text) {
        if (text == null) {
            return;
        }
        Matcher m = URL_IN_TEXT.matcher(text);
        int at = 0;
        while (m.find()) {
            b.append(escape(text.substring(at, m.start()))).append(anchor(m.group()));
            at = m.end();
        }
        b.append(escape(text.substring(at)));
    }

    /** The href values of an HTML body that a click could follow (http, https, mailto), in order, once each. */
    static List<String> htmlLinks(String html) {
        Set<String> links = new LinkedHashSet<>();
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            String href = unescapeHtml((m.group(1) != null ? m.group(1) : m.group(2)).trim());
            if (followable(href)) {
                links.add(href);
            }
        }
        return new ArrayList<>(links);
    }

    /** The https URI of List-Unsubscribe when List-Unsubscribe-Post asks for one-click, as RFC 8058 defines it. */
    static String oneClickUnsubscribe(SentEmail mail) {
        String post = mail.header("List-Unsubscribe-Post");
        String list = mail.header("List-Unsubscribe");
        if (post == null || list == null || !post.replace(" ", "").equalsIgnoreCase("List-Unsubscribe=One-Click")) {
            return null;
        }
        Matcher m = ANGLED.matcher(list);
        while (m.find()) {
            String uri = m.group(1).trim();
            if (uri.toLowerCase(Locale.ROOT).startsWith("https://") || uri.toLowerCase(Locale.ROOT).startsWith("http://")) {
                return uri;
            }
        }
        return null;
    }

    private static boolean followable(String href) {
        String lower = href.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:");
    }

    private static String anchor(String url) {
        if (!followable(url)) {
            return escape(url);
        }
        return "<a href=\"" + escape(url) + "\" rel=\"noopener noreferrer\" target=\"_blank\">" + escape(url) + "</a>";
    }

    /** The few entities an href carries in practice (&amp; between query parameters above all). */
    private static String unescapeHtml(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
