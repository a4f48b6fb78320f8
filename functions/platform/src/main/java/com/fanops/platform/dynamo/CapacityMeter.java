package com.fanops.platform.dynamo;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * Read and write capacity units a store consumed, as DynamoDB reports them ({@code ReturnConsumedCapacity=TOTAL},
 * which costs nothing). The scorer logs them per batch; benchmarks add them up.
 */
public final class CapacityMeter {

    private final DoubleAdder reads = new DoubleAdder();
    private final DoubleAdder writes = new DoubleAdder();
    /** DynamoDB requests metered (each read, write or refused write is one call). */
    private final LongAdder calls = new LongAdder();

    public void read(ConsumedCapacity c) {
        calls.increment();
        if (c != null && c.capacityUnits() != null) {
            reads.add(c.capacityUnits());
        }
    }

    public void write(ConsumedCapacity c) {
        calls.increment();
        if (c != null && c.capacityUnits() != null) {
            writes.add(c.capacityUnits());
        }
    }

    /**
     * A write refused by its condition: DynamoDB charges it (at least one unit) but the exception carries no
     * ConsumedCapacity, so it is counted as one unit - the charge for an item under 1 KB, which these are.
     */
    public void refusedWrite() {
        calls.increment();
        writes.add(1);
    }

    public void write(List<ConsumedCapacity> c) {
        calls.increment();
        writes.add(Items.units(c));
    }

    public double reads() {
        return reads.sum();
    }

    public double writes() {
        return writes.sum();
    }

    /** The DynamoDB calls metered so far, and zero from now on. */
    public long drainCalls() {
        return calls.sumThenReset();
    }

    /** The units so far, and zero from now on. */
    public double[] drain() {
        return new double[] {reads.sumThenReset(), writes.sumThenReset()};
    }
}
