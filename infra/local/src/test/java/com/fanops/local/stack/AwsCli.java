package com.fanops.local.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real AWS CLI against a local endpoint (CI installs it: apt-get install awscli). */
final class AwsCli {

    private AwsCli() {
    }

    record Result(int exitCode, String out, String err) {
    }

    static Result run(URI endpoint, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("AWS_ACCESS_KEY_ID", LocalCloud.ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", LocalCloud.ACCESS_KEY);
        builder.environment().put("AWS_DEFAULT_REGION", LocalConfig.REGION);
        builder.environment().put("AWS_PAGER", "");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("the AWS CLI is needed for this test: apt-get install -y awscli", e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}
