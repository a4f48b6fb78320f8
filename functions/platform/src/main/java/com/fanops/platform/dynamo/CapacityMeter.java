package com.fanops.platform.dynamo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
    /** Write units by kind of write (the claim, its index entry, the timeline record...), for the benchmark's breakdown. */
    private final Map<String, DoubleAdder> kinds = new ConcurrentHashMap<>();

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

    /**
     * A write of one kind: its units also counted under {@code kind}, and - when DynamoDB details them
     * ({@code ReturnConsumedCapacity=INDEXES}) - the units of its index entries under {@code kind + "Index"}.
     */
    public void write(String kind, ConsumedCapacity c) {
        write(c);
        if (c == null || c.capacityUnits() == null) {
            return;
        }
        double index = 0;
        if (c.globalSecondaryIndexes() != null) {
            index = c.globalSecondaryIndexes().values().stream().mapToDouble(i -> i.capacityUnits() == null ? 0 : i.capacityUnits()).sum();
        }
        kind(kind, c.capacityUnits() - index);
        if (index > 0) {
            kind(kind + "Index", index);
        }
    }

    /** A transaction of one kind; its units by table ({@code kind@table}) when it spans several. */
    public void write(String kind, List<ConsumedCapacity> c) {
        write(c);
        if (c == null) {
            return;
        }
        for (ConsumedCapacity table : c) {
            kind(c.size() > 1 ? kind + "@" + table.tableName() : kind, Items.units(List.of(table)));
        }
    }

    /** A write of one kind refused by its condition (one unit, see {@link #refusedWrite()}), counted under {@code kind + "Refused"}. */
    public void refusedWrite(String kind) {
        refusedWrite();
        kind(kind + "Refused", 1);
    }

    /** The write units by kind so far, and none from now on. */
    public Map<String, Double> drainKinds() {
        Map<String, Double> out = new TreeMap<>();
        kinds.forEach((k, v) -> {
            double units = v.sumThenReset();
            if (units != 0) {
                out.put(k, units);
            }
        });
        return out;
    }

    private void kind(String kind, double units) {
        kinds.computeIfAbsent(kind, k -> new DoubleAdder()).add(units);
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
