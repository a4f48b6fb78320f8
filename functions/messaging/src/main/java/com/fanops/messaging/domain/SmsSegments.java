package com.fanops.messaging.domain;

/**
 * How many SMS segments a text takes: GSM 03.38 7-bit (160 characters alone, 153 per part when split; the extension
 * characters count twice) unless any character is outside it, then UCS-2 (70 alone, 67 per part; a character outside
 * the BMP counts twice). Chinese text is always UCS-2.
 */
public final class SmsSegments {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    private SmsSegments() {
    }

    public static boolean gsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    public static int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (gsm7(text)) {
            int septets = 0;
            for (int i = 0; i < text.length(); i++) {
                septets += GSM_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
            }
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = text.length();
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
