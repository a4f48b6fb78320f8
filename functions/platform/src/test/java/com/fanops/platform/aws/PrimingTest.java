package com.fanops.platform.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fanops.testing.LocalDynamo;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PrimingTest {

    private static LocalDynamo dynamo;

    @BeforeAll
    static void start() {
        dynamo = LocalDynamo.start();
        dynamo.createTablesFromTemplate(Path.of("../../template.yaml"));
    }

    @AfterAll
    static void stop() throws Exception {
        dynamo.close();
    }

    @Test
    void primingReadsTheTableWithoutWritingAndAFailingPrimerNeverStopsTheOthers() {
        int before = Priming.registered();
        AtomicInteger ran = new AtomicInteger();
        Priming.register(Priming.dynamoDb(dynamo.client(), "ConfigTable"));
        Priming.register(Priming.dynamoDb(dynamo.client(), "NoSuchTable"));
        Priming.register(ran::incrementAndGet);

        assertEquals(before + 3, Priming.registered());
        int primed = Priming.primeNow();

        assertEquals(1, ran.get(), "the primer after the failing one still ran");
        assertTrue(primed >= 2, "the DynamoDB and the counting primers succeeded: " + primed);
        assertEquals(0, dynamo.client().scan(b -> b.tableName("ConfigTable")).count(), "priming wrote nothing");
    }
}
