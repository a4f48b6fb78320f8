package com.fanops.rewards.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fanops.platform.aws.AwsClients;
import com.fanops.platform.aws.Priming;
import com.fanops.platform.config.Env;
import com.fanops.platform.crypto.FieldCipher;
import com.fanops.platform.crypto.Keyring;
import com.fanops.platform.crypto.KmsDataKeyService;
import com.fanops.platform.log.Log;
import com.fanops.rewards.app.DailyRewards;
import com.fanops.rewards.app.Rewards;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The daily rewards job, fired after midnight of the business day by an EventBridge Scheduler schedule. It works as of the
 * schedule's own time ({@code scheduledTime}, or a scheduled event's {@code time}), so a replay with a chosen time is that
 * day's run: birthdays, anniversaries, holidays, win-backs, expiry. Every issuance is once per cause, so running a day twice
 * issues nothing more. A birthday is decrypted only for members holding a birthday rule's consent, and never logged.
 */
public final class RewardsDailyHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Log LOG = Log.get(RewardsDailyHandler.class);

    private final Rewards rewards;
    private final DailyRewards daily;
    private final Clock clock;

    public RewardsDailyHandler() {
        this(Rewards.fromEnvironment(Duration.ZERO), new FieldCipher(new Keyring(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE"),
                new KmsDataKeyService(AwsClients.kms(), Env.require("PERSONAL_DATA_KEY_ID")), Clock.systemUTC())));
        Priming.register(Priming.dynamoDb(AwsClients.dynamoDb(), Env.require("CONFIG_TABLE")));
    }

    public RewardsDailyHandler(Rewards rewards, FieldCipher cipher) {
        this(rewards, decrypting(cipher));
    }

    /** Members' birthdays decrypted with the personal-data key (the fanned-out job's shards read them the same way). */
    static DailyRewards.Birthdays decrypting(FieldCipher cipher) {
        return profile -> {
            try {
                return Optional.of(LocalDate.parse(cipher.decrypt(profile.memberId(), "birthday", profile.birthdayEnc())));
            } catch (DateTimeParseException unreadable) {
                LOG.warn("birthday unreadable", "memberId", profile.memberId());
                return Optional.empty();
            }
        };
    }

    public RewardsDailyHandler(Rewards rewards, DailyRewards.Birthdays birthdays) {
        this.rewards = rewards;
        this.daily = rewards.daily(birthdays);
        this.clock = rewards.clock;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> trigger, Context context) {
        Instant at = triggerTime(trigger);
        return daily.run(at.atZone(rewards.zone).toLocalDate());
    }

    /** The schedule's payload {@code {"scheduledTime": ...}} (EventBridge Scheduler), or an event's {@code time}; else now. */
    private Instant triggerTime(Map<String, Object> trigger) {
        Object time = trigger == null ? null : trigger.getOrDefault("scheduledTime", trigger.get("time"));
        return time instanceof String t ? Instant.parse(t) : clock.instant();
    }
}
