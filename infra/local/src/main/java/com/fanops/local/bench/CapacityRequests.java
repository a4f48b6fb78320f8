package com.fanops.local.bench;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/** A benchmark's interceptor: asks every DynamoDB call that can say so for its consumed capacity (TOTAL). */
abstract class CapacityRequests implements ExecutionInterceptor {

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        Optional<SdkField<?>> field = request.sdkFields().stream().filter(f -> f.memberName().equals("ReturnConsumedCapacity")).findFirst();
        if (field.isEmpty()) {
            return request;
        }
        var builder = request.toBuilder();
        field.get().set(builder, "TOTAL");
        return (SdkRequest) builder.build();
    }

    /** What the response reports: one entry for a single-table call, several for a batch or a transaction, none if it cannot say. */
    static List<ConsumedCapacity> consumed(Context.AfterExecution context) {
        Object consumed = context.response().getValueForField("ConsumedCapacity", Object.class).orElse(null);
        List<?> all = consumed instanceof List<?> l ? l : consumed == null ? List.of() : List.of(consumed);
        return all.stream().map(ConsumedCapacity.class::cast).toList();
    }
}
