package com.fanops.local.lambda;

/** Lambda's two invocation types. */
public interface LambdaInvoker {

    /** RequestResponse: waits for the function's answer. */
    InvokeResult invoke(String functionName, byte[] payload) throws InterruptedException;

    /** Event: queued, retried on error (EventInvokeConfig), then handed to the dead-letter queue. */
    void invokeAsync(String functionName, byte[] payload);
}
