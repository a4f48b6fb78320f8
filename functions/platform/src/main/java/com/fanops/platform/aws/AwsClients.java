package com.fanops.platform.aws;

import com.fanops.platform.config.Env;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.pinpointsmsvoicev2.PinpointSmsVoiceV2Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients built once per container, each in its own holder so a jar without (say) the SQS module
 * never loads SqsClient. Region and credentials are explicit (cold start); endpoints come from the
 * SDK's own {@code AWS_ENDPOINT_URL_*} support, which is how the local runtime points them at stand-ins.
 */
public final class AwsClients {

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb() {
        return DynamoDb.CLIENT;
    }

    public static SqsClient sqs() {
        return Sqs.CLIENT;
    }

    public static EventBridgeClient eventBridge() {
        return EventBridge.CLIENT;
    }

    public static KmsClient kms() {
        return Kms.CLIENT;
    }

    public static SesV2Client sesV2() {
        return Ses.CLIENT;
    }

    public static PinpointSmsVoiceV2Client sms() {
        return Sms.CLIENT;
    }

    static Region region() {
        return Region.of(Env.require("AWS_REGION"));
    }

    private static final class DynamoDb {
        static final DynamoDbClient CLIENT = DynamoDbClient.builder().region(region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static final class Sqs {
        static final SqsClient CLIENT = SqsClient.builder().region(region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static final class EventBridge {
        static final EventBridgeClient CLIENT = EventBridgeClient.builder().region(region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static final class Kms {
        static final KmsClient CLIENT = KmsClient.builder().region(region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static final class Ses {
        static final SesV2Client CLIENT = SesV2Client.builder().region(region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static final class Sms {
        static final PinpointSmsVoiceV2Client CLIENT = PinpointSmsVoiceV2Client.builder().region(region())
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }
}
