package com.fanops.members.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One way to reach a member, normalised so the same person always gives the same value: e-mail lower-cased
 * with an ASCII (IDN) domain; phone in E.164, numbers without a country code taken as mainland China (+86).
 */
public record Contact(Type type, String value) {

    public enum Type { EMAIL, PHONE }

    /** The longest contact we read (an e-mail address's limit, RFC 5321); a phone number is far shorter. */
    public static final int MAX_LENGTH = 254;

    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");
    private static final Pattern CN_MOBILE = Pattern.compile("^1[3-9][0-9]{9}$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    /** Null when the e-mail address is not valid. */
    public static Contact email(String raw) {
        String trimmed = raw.strip();
        int at = trimmed.lastIndexOf('@');
        if (at < 1 || trimmed.length() > MAX_LENGTH) {
            return null;
        }
        try {
            String domain = IDN.toASCII(trimmed.substring(at + 1), IDN.ALLOW_UNASSIGNED);
            String value = (trimmed.substring(0, at) + "@" + domain).toLowerCase(Locale.ROOT);
            return EMAIL.matcher(value).matches() ? new Contact(Type.EMAIL, value) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Null when the phone number is not valid. */
    public static Contact phone(String raw) {
        if (raw.length() > 64) {
            return null;
        }
        String digits = raw.strip().replaceAll("[\\s()-]", "");
        if (digits.startsWith("00")) {
            digits = "+" + digits.substring(2);
        }
        if (!digits.startsWith("+")) {
            if (!CN_MOBILE.matcher(digits).matches()) {
                return null;
            }
            digits = "+86" + digits;
        }
        if (digits.startsWith("+86") && !CN_MOBILE.matcher(digits.substring(3)).matches()) {
            return null;
        }
        return E164.matcher(digits).matches() ? new Contact(Type.PHONE, digits) : null;
    }

    /** The text the blind index is computed over: type and value, so an e-mail never collides with a phone. */
    public String indexInput() {
        return type.name() + ":" + value;
    }
}
