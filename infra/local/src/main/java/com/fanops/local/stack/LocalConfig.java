package com.fanops.local.stack;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * How to run one local deployment of a template. Port 0 picks a free port (tests); the run command uses
 * fixed, documented ports from {@code basePort}.
 */
public record LocalConfig(Path template, Map<String, String> parameterOverrides, Path dataDir, Path dashboardDir,
                          Path workDir, Path ricDir, int basePort, int functionConcurrency, Clock clock) {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT = "000000000000";
    public static final String STACK = "fanops-local";

    /** Offsets from the base port, in the order printed by the run command. */
    public enum Service {
        API(0), DASHBOARD(1), DYNAMODB(2), SQS(3), EVENTBRIDGE(4), KMS(5), COGNITO(6), LAMBDA(7), MESSAGING(8);

        private final int offset;

        Service(int offset) {
            this.offset = offset;
        }
    }

    public int port(Service service) {
        return basePort == 0 ? 0 : basePort + service.offset;
    }
}
