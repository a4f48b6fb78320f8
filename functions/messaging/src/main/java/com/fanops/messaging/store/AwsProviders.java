package com.fanops.messaging.store;

import com.fanops.messaging.app.Providers;
import com.fanops.messaging.domain.WebhookSignature;
import com.fanops.platform.retry.Retry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.pinpointsmsvoicev2.model.MessageType;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.MessageTag;

/**
 * The channels as AWS offers them: Amazon SES v2 {@code SendEmail} through a configuration set (whose events come back
 * on EventBridge), AWS End User Messaging SMS {@code SendTextMessage}, and a signed HTTPS webhook. A provider's
 * throttling or outage is {@link Providers.Unavailable} (the request is retried), a refusal of the message itself
 * {@link Providers.Refused} (logged as failed).
 */
public final class AwsProviders implements Providers {

    public static final String MESSAGE_TAG = "fanops-message";
    private static final Duration WEBHOOK_TIMEOUT = Duration.ofSeconds(10);

    private final SesV2Client ses;
    private final PinpointSmsVoiceV2Client sms;
    private final HttpClient http;
    private final WebhookSecrets secrets;
    private final String from;
    private final String configurationSet;
    private final String smsOrigin;
    private final Retry webhookRetry;
    private final Clock clock;

    public AwsProviders(SesV2Client ses, PinpointSmsVoiceV2Client sms, HttpClient http, WebhookSecrets secrets, String from,
                        String configurationSet, String smsOrigin, Retry webhookRetry, Clock clock) {
        this.ses = ses;
        this.sms = sms;
        this.http = http;
        this.secrets = secrets;
        this.from = from;
        this.configurationSet = configurationSet;
        this.smsOrigin = smsOrigin == null || smsOrigin.isBlank() ? null : smsOrigin;
        this.webhookRetry = webhookRetry;
        this.clock = clock;
    }

    @Override
    public String email(String to, String subject, String text, String html, Map<String, String> headers, String messageId) {
        try {
            return ses.sendEmail(b -> b.fromEmailAddress(from).destination(d -> d.toAddresses(to))
                    .configurationSetName(configurationSet)
                    .emailTags(MessageTag.builder().name(MESSAGE_TAG).value(messageId).build())
                    .content(c -> c.simple(m -> m.subject(s -> s.data(subject).charset("UTF-8"))
                            .body(body -> body.text(t -> t.data(text).charset("UTF-8")).html(h -> h.data(html).charset("UTF-8")))
                            .headers(headers.entrySet().stream()
                                    .map(e -> MessageHeader.builder().name(e.getKey()).value(e.getValue()).build()).toList()))))
                    .messageId();
        } catch (AwsServiceException e) {
            throw classify(e);
        } catch (SdkClientException e) {
            throw new Unavailable("e-mail provider unreachable", e);
        }
    }

    @Override
    public String sms(String to, String text, boolean marketing, String messageId) {
        try {
            return sms.sendTextMessage(b -> b.destinationPhoneNumber(to).messageBody(text).originationIdentity(smsOrigin)
                    .messageType(marketing ? MessageType.PROMOTIONAL : MessageType.TRANSACTIONAL)
                    .context(Map.of(MESSAGE_TAG, messageId))).messageId();
        } catch (AwsServiceException e) {
            throw classify(e);
        } catch (SdkClientException e) {
            throw new Unavailable("SMS provider unreachable", e);
        }
    }

    @Override
    public String webhook(URI url, String body, String messageId) {
        byte[] secret = secrets.current().orElseThrow(() -> new Refused("no webhook secret: create one in Settings"));
        try {
            return webhookRetry.get("webhook delivery", () -> {
                HttpRequest request = HttpRequest.newBuilder(url).timeout(WEBHOOK_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .header("X-Fanops-Message-Id", messageId)
                        .header(WebhookSignature.HEADER, WebhookSignature.sign(secret, clock.instant(), body))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<Void> response;
                try {
                    response = http.send(request, HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    throw new Unavailable("webhook unreachable", e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Unavailable("interrupted", e);
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return Optional.of(messageId);
                }
                if (status == 408 || status == 429 || status >= 500) {
                    throw new Unavailable("webhook answered " + status, null);
                }
                throw new Refused("webhook answered " + status);
            });
        } catch (Retry.ExhaustedException e) {
            throw new Unavailable("webhook did not take the message after " + e.attempts() + " attempts", e);
        }
    }

    /** Throttling and server faults pass; anything else about the message itself will not. */
    private static RuntimeException classify(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        if (e.isThrottlingException() || e.statusCode() >= 500 || List.of("TooManyRequestsException", "LimitExceededException",
                "ThrottlingException", "ServiceQuotaExceededException").contains(code)) {
            return new Unavailable("provider unavailable: " + code, e);
        }
        return new Refused(code.isEmpty() ? "status " + e.statusCode() : code);
    }
}
