package com.fanops.members.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ContactTest {

    @Test
    void theSamePersonAlwaysNormalisesToTheSameContact() {
        assertEquals(Contact.email("li.lei@example.com"), Contact.email("  Li.Lei@EXAMPLE.com "));
        assertEquals("+8613800138000", Contact.phone("138 0013 8000").value());
        assertEquals("+8613800138000", Contact.phone("+86 138-0013-8000").value());
        assertEquals("+8613800138000", Contact.phone("008613800138000").value());
        assertEquals("+447700900123", Contact.phone("+44 7700 900123").value());
        assertEquals("user@xn--fiqs8s.cn", Contact.email("user@中国.cn").value());
    }

    @Test
    void invalidContactsAreRejected() {
        assertNull(Contact.email("no-at-sign"));
        assertNull(Contact.email("a@b"));
        assertNull(Contact.phone("12345"));
        assertNull(Contact.phone("+86 12345678901"));
    }

    @Test
    void emailAndPhoneNeverShareAnIndexInput() {
        assertEquals("EMAIL:a@b.cn", Contact.email("a@b.cn").indexInput());
        assertEquals("PHONE:+8613800138000", Contact.phone("13800138000").indexInput());
    }
}
