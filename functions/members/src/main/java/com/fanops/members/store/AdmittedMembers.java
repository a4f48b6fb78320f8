package com.fanops.members.store;

import static com.fanops.platform.dynamo.Items.s;

import com.fanops.members.domain.MemberKind;
import com.fanops.members.domain.MemberStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every admitted community member's id (status active, warned or muted; kind member - staff and test accounts are left
 * out), for drawing samples. A parallel Scan of the members table in {@code segments} segments with a filter on the
 * profile items: it reads (and is billed for) the whole table, every item of every member - about 0.5 read units per
 * 4 KB eventually consistent - but holds nothing in memory; the ids go to the consumer as they come, from several threads.
 */
public final class AdmittedMembers {

    private static final List<MemberStatus> ADMITTED = List.of(MemberStatus.ACTIVE, MemberStatus.WARNED, MemberStatus.MUTED);
    private final DynamoDbClient ddb;
    private final String table;
    private final int segments;

    public AdmittedMembers(DynamoDbClient ddb, String table, int segments) {
        this.ddb = ddb;
        this.table = table;
        this.segments = segments;
    }

    public void forEach(Consumer<String> memberIds) {
        ExecutorService pool = Executors.newFixedThreadPool(segments);
        try {
            List<Future<?>> scans = new ArrayList<>();
            for (int segment = 0; segment < segments; segment++) {
                int seg = segment;
                scans.add(pool.submit(() -> scan(seg, memberIds)));
            }
            for (Future<?> f : scans) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private void scan(int segment, Consumer<String> memberIds) {
        ddb.scanPaginator(b -> b.tableName(table).segment(segment).totalSegments(segments).projectionExpression("pk")
                .filterExpression("sk = :p AND #st IN (:a, :w, :m) AND (attribute_not_exists(#k) OR #k = :member)")
                .expressionAttributeNames(Map.of("#st", "status", "#k", "kind"))
                .expressionAttributeValues(Map.of(":p", s("PROFILE"), ":a", s(ADMITTED.get(0).key()), ":w", s(ADMITTED.get(1).key()),
                        ":m", s(ADMITTED.get(2).key()), ":member", s(MemberKind.MEMBER.key()))))
                .items().forEach(i -> memberIds.accept(MemberStore.memberIdOf(i)));
    }
}
