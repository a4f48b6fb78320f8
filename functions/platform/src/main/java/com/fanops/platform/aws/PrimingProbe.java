package com.fanops.platform.aws;

import java.lang.management.ManagementFactory;

/**
 * Measures what priming buys, in a fresh JVM on a function's jar (the priming benchmark, BENCHMARKS.md): builds the
 * handler as Lambda does (no-argument constructor), primes or not, then times the first DynamoDB call. SnapStart would
 * snapshot after init and priming, so a restored function pays about the first call's time; locally there is no CRaC
 * JVM, so priming is run here explicitly. Prints one line of figures in milliseconds.
 * <p>Usage: {@code java -cp <function jar> com.fanops.platform.aws.PrimingProbe <handler class> <prime|cold> <table>}
 */
public final class PrimingProbe {

    private PrimingProbe() {
    }

    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        boolean prime = "prime".equals(args[1]);
        String table = args[2];
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.nanoTime();
        Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        long initMs = (System.nanoTime() - t0) / 1_000_000;
        long t1 = System.nanoTime();
        int primed = prime ? Priming.primeNow() : 0;
        long primeMs = (System.nanoTime() - t1) / 1_000_000;
        long t2 = System.nanoTime();
        Priming.dynamoDb(AwsClients.dynamoDb(), table).run();
        long firstCallMs = (System.nanoTime() - t2) / 1_000_000;
        long jvmToFirstCallMs = System.currentTimeMillis() - jvmStart;
        System.out.println("probe handler=" + handlerClass + " mode=" + args[1] + " primers=" + Priming.registered()
                + " primed=" + primed + " initMs=" + initMs + " primeMs=" + primeMs + " firstDynamoDbCallMs=" + firstCallMs
                + " jvmToFirstDynamoDbCallMs=" + jvmToFirstCallMs);
    }
}
