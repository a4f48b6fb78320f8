package com.fanops.local.apigw;

/** How the API front invokes a function synchronously. */
@FunctionalInterface
public interface FunctionCaller {

    record FunctionReply(byte[] payload, String errorType) {
    }

    FunctionReply call(String functionName, byte[] payload) throws Exception;
}
