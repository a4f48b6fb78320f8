package com.fanops.complaints.domain;

import com.fanops.members.domain.Contact;
import com.fanops.members.domain.MemberIds;
import com.fanops.platform.http.FieldError;
import com.fanops.platform.http.ProblemException;
import com.fanops.platform.input.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The public complaint form as it arrives ({@code POST /v1/complaints}). {@link #check()} answers the complaint it
 * describes, or one 400 naming every field that is wrong.
 *
 * @param contact     an e-mail address or a phone number (normalised as members does: lower-case e-mail, E.164 phone)
 * @param memberId    optional: the complainant's member id, proved by the member token in {@code Authorization}
 * @param reference   optional order or activity reference
 * @param attachments optional https links (at most 5), to photos or documents the complainant already uploaded elsewhere
 */
public record ComplaintForm(String name, String contact, String locale, String memberId, String category, String description,
                            String reference, List<String> attachments) {

    public static final Set<String> LOCALES = Set.of("zh-CN", "en");
    public static final int MAX_ATTACHMENTS = 5;
    public static final int MAX_DESCRIPTION = 4000;
    private static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./:#-]{0,63}");

    /** The complaint, checked and normalised. */
    public record Complaint(String name, Contact contact, String locale, String memberId, Category category, String description,
                            String reference, List<String> attachments) {
        @Override
        public String toString() {
            return "Complaint[" + category.key() + "]";
        }
    }

    public Complaint check() {
        List<FieldError> errors = new ArrayList<>();
        String n = Text.name(errors, "name", name, 60, true);
        Contact c = null;
        if (contact == null || contact.isBlank()) {
            errors.add(new FieldError("contact", "is required: an e-mail address or a phone number"));
        } else if (Text.problem(contact, false) != null) {
            errors.add(new FieldError("contact", Text.problem(contact, false)));
        } else {
            c = contact.contains("@") ? Contact.email(contact) : Contact.phone(contact);
            if (c == null) {
                errors.add(new FieldError("contact", "is neither a valid e-mail address nor a valid phone number"));
            }
        }
        String l = locale == null ? "zh-CN" : locale;
        if (!LOCALES.contains(l)) {
            errors.add(new FieldError("locale", "must be zh-CN or en"));
        }
        if (memberId != null && !MemberIds.MEMBER.matcher(memberId).matches()) {
            errors.add(new FieldError("memberId", "a member id (m_...)"));
        }
        Category cat = category == null ? null : Category.of(category).orElse(null);
        if (cat == null) {
            errors.add(new FieldError("category", "must be one of " + String.join(", ", Category.keys())));
        }
        String d = Text.multiLine(errors, "description", description, MAX_DESCRIPTION, true);
        String ref = null;
        if (reference != null && !reference.isEmpty()) {
            if (!REFERENCE.matcher(reference).matches()) {
                errors.add(new FieldError("reference", "an order or activity reference: 1-64 letters, digits and _./:#-"));
            } else {
                ref = reference;
            }
        }
        List<String> links = new ArrayList<>();
        if (attachments != null) {
            if (attachments.size() > MAX_ATTACHMENTS) {
                errors.add(new FieldError("attachments", "at most " + MAX_ATTACHMENTS + " links"));
            } else {
                for (int i = 0; i < attachments.size(); i++) {
                    String link = attachments.get(i);
                    if (!httpsLink(link)) {
                        errors.add(new FieldError("attachments[" + i + "]", "must be an https link of at most 500 characters"));
                    } else {
                        links.add(link);
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new Complaint(n, c, l, memberId, cat, d, ref, List.copyOf(links));
    }

    static boolean httpsLink(String link) {
        if (link == null || link.length() > 500 || Text.problem(link, false) != null) {
            return false;
        }
        try {
            URI u = new URI(link);
            return "https".equals(u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT)) && u.getHost() != null
                    && u.getRawUserInfo() == null && !link.contains(" ");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
