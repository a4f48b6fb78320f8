package com.fanops.members.app;

import com.fanops.members.domain.MemberProfile;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.limits.RateLimit;
import com.fanops.platform.limits.RateLimiter;
import java.util.List;

/**
 * The public forms' abuse limits, per client (the address, see {@code ClientAddress}) and per contact (its blind index),
 * on sign-up, data-subject requests and consent changes. Subjects are stored only as keyed hashes. A limit is counted
 * after the request was found well formed and before anything is written, so bad input writes nothing, not even a count.
 */
public final class MemberLimits {

    /** The limits in force (null: that one is off). */
    public record Config(RateLimit signUpClient, RateLimit signUpContact, RateLimit requestClient, RateLimit requestContact,
                         RateLimit consentClient, RateLimit consentContact) {

        /** Read from the function's environment values, as {@link RateLimit#parse} reads them. */
        public static Config of(String signUpClient, String signUpContact, String requestClient, String requestContact,
                                String consentClient, String consentContact) {
            return new Config(RateLimit.parse("signup-client", signUpClient), RateLimit.parse("signup-contact", signUpContact),
                    RateLimit.parse("request-client", requestClient), RateLimit.parse("request-contact", requestContact),
                    RateLimit.parse("consent-client", consentClient), RateLimit.parse("consent-contact", consentContact));
        }

        public static Config none() {
            return new Config(null, null, null, null, null, null);
        }
    }

    private final RateLimiter limiter;
    private final FieldCipher cipher;
    private final Config config;

    public MemberLimits(RateLimiter limiter, FieldCipher cipher, Config config) {
        this.limiter = limiter;
        this.cipher = cipher;
        this.config = config;
    }

    /** A sign-up from this client for this contact (its blind index); both limits are counted together or not at all. */
    public void signUp(String client, String contactIndex) {
        limiter.acquire(List.of(new RateLimiter.Charge(config.signUpClient(), clientSubject(client)),
                new RateLimiter.Charge(config.signUpContact(), contactIndex)));
    }

    public void dataRequest(String client, MemberProfile member) {
        limiter.acquire(List.of(new RateLimiter.Charge(config.requestClient(), clientSubject(client)),
                new RateLimiter.Charge(config.requestContact(), contactSubject(member))));
    }

    public void consentChange(String client, MemberProfile member) {
        limiter.acquire(List.of(new RateLimiter.Charge(config.consentClient(), clientSubject(client)),
                new RateLimiter.Charge(config.consentContact(), contactSubject(member))));
    }

    private String clientSubject(String client) {
        return cipher.blindIndex("client:" + client);
    }

    /** The contact's blind index (the one a sign-up with that contact is counted under); the member id once erased. */
    private static String contactSubject(MemberProfile member) {
        return member.contactIndex() != null ? member.contactIndex() : "member-" + member.memberId();
    }
}
