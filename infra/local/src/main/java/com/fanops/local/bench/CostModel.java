package com.fanops.local.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./fanops bench cost [--wcu-per-event 4.61] [--rcu-per-event 2.48] ...}: dollars per million interactions and per
 * month for a community, at AWS list prices (us-east-1, on-demand), from measured units. Every figure the benchmarks
 * measure is an input with today's measurement as its default (see {@link #INPUTS}), so when a benchmark measures a new
 * figure the same command is re-run with it. Prices and their sources: BENCHMARKS.md, "Cost per million interactions".
 * Pure arithmetic: nothing here calls AWS or the local stack.
 */
public final class CostModel {

    /** AWS list prices, us-east-1, checked 2026-12-06 (sources in BENCHMARKS.md). Lambda duration per GB-second by architecture. */
    public record Prices(double apiPerMillion, double lambdaRequestsPerMillion, double lambdaGbSecond, double sqsPerMillion,
                         double eventBridgePerMillion, double dynamoWritePerMillion, double dynamoReadPerMillion, double logsPerGb,
                         double xrayTracesPerMillion, double sesPerThousand, double dynamoStorageGbMonth, double kmsKeyMonth) {

        public static Prices usEast1(String architecture) {
            double gbSecond = switch (architecture) {
                case "arm64" -> 0.0000133334;
                case "x86_64" -> 0.0000166667;
                default -> throw new IllegalArgumentException("--arch must be arm64 (the template's) or x86_64");
            };
            return new Prices(1.00, 0.20, gbSecond, 0.40, 1.00, 0.625, 0.125, 0.50, 5.00, 0.10, 0.25, 1.00);
        }
    }

    /** One input: its default (today's measurement or a stated assumption) and where it comes from. */
    public record Input(double dflt, String what) {
    }

    /** Every input by its option name, in the order the report prints them. */
    public static final Map<String, Input> INPUTS = inputs();

    private static Map<String, Input> inputs() {
        Map<String, Input> m = new LinkedHashMap<>();
        // The interactions pipeline.
        m.put("wcu-per-event", new Input(4.61, "scorer write units per event (interactions benchmark, 20,000 events, ~1 per member-day)"));
        m.put("rcu-per-event", new Input(2.48, "scorer read units per event (same run; 1.59 with a message per ingestion call)"));
        m.put("events-per-call", new Input(100, "events per POST /v1/interactions call (1-100), so per SQS message"));
        m.put("members-per-call", new Input(100, "distinct members in a call: the ingestion reads each one's status"));
        m.put("bytes-per-event", new Input(250, "bytes of an event in the SQS message (20-30 KB for a call of 100)"));
        m.put("scorer-batch", new Input(10, "messages per scorer invocation (template BatchSize; full under load)"));
        m.put("ingest-ms", new Input(235, "ingestion function time per call of 100 events, ms (./fanops bench http: at most 235, local, loaded)"));
        m.put("scorer-ms-per-event", new Input(20.8, "scorer function time per event, ms (concurrency 2 / 96 events/s, local)"));
        m.put("ingest-mb", new Input(1024, "ingestion function memory, MB (template Globals)"));
        m.put("scorer-mb", new Input(1024, "scorer function memory, MB (template Globals)"));
        m.put("log-bytes-per-invocation", new Input(565, "CloudWatch Logs bytes per invocation (ours: 265-267 measured; + ~300 START/END/REPORT)"));
        m.put("traced-fraction", new Input(1.0, "share of invocations X-Ray records (Tracing: Active; 1 a second is always sampled)"));
        m.put("standing-events-per-event", new Input(0.129, "CategoryChanged/TierChanged per event (20,000 events, 1,000 new members: 2,106 + 476)"));
        m.put("consumers-per-standing-event", new Input(2.37, "functions a standing event invokes (2 for a category, 4 for a tier: that run's mix)"));
        m.put("consumer-ms", new Input(20, "a consumer invocation's duration, ms (assumed)"));
        m.put("consumer-mb", new Input(1024, "consumer memory, MB (template Globals)"));
        m.put("consumer-wcu", new Input(3, "write units per consumer invocation (directory entry, metrics fact transaction; assumed)"));
        m.put("consumer-rcu", new Input(1, "read units per consumer invocation (assumed)"));
        // A month of a community.
        m.put("members", new Input(100_000, "members of the community"));
        m.put("events-per-member-month", new Input(10, "interactions per member per month (the demo's community: 9.5)"));
        m.put("signups-per-month", new Input(5_000, "sign-ups per month (5% growth)"));
        m.put("signup-ms", new Input(324, "sign-up function time, ms (./fanops bench http: at most 324, local, loaded)"));
        m.put("signup-mb", new Input(1024, "members public function memory, MB"));
        m.put("signup-wcu", new Input(35, "write units per sign-up: its transaction, limits, outbox, MemberJoined consumers (estimated)"));
        m.put("signup-rcu", new Input(6, "read units per sign-up: notices, limits, consumers (estimated)"));
        m.put("signup-consumers", new Input(3, "functions MemberJoined invokes (metrics, directory, messaging)"));
        m.put("messages-per-member-month", new Input(0.5, "e-mails per member per month (welcome, care, tier, expiry; assumed)"));
        m.put("message-wcu", new Input(28, "write units per message (messaging benchmark, DynamoDB Local's figure)"));
        m.put("message-rcu", new Input(3.5, "read units per message (messaging benchmark)"));
        m.put("message-ms", new Input(100, "sender time per message, ms (assumed)"));
        m.put("message-mb", new Input(512, "sender memory, MB (template)"));
        m.put("daily-rcu", new Input(97_667, "daily jobs' read units per day at 100,000 members (metrics job, steady state)"));
        m.put("daily-wcu", new Input(2_368, "daily jobs' write units per day at 100,000 members (metrics job)"));
        m.put("daily-seconds", new Input(55.7, "daily jobs' function seconds per day at 100,000 members (metrics job)"));
        m.put("daily-mb", new Input(2048, "daily job memory, MB (metrics job, template)"));
        m.put("stored-bytes-per-event", new Input(400, "bytes stored per event (timeline record, day item share)"));
        m.put("queues-polled", new Input(4, "SQS queues with a Lambda event source (idle long polling)"));
        m.put("kms-keys", new Input(1, "customer managed KMS keys (PersonalDataKey)"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The inputs of one run: defaults, overridden by the command's options. */
    public record Inputs(String architecture, Map<String, Double> values) {

        public static Inputs parse(Map<String, String> options) {
            Map<String, Double> values = new LinkedHashMap<>();
            INPUTS.forEach((k, v) -> values.put(k, v.dflt()));
            String arch = "arm64";
            for (Map.Entry<String, String> o : options.entrySet()) {
                if (o.getKey().equals("arch")) {
                    Prices.usEast1(o.getValue());
                    arch = o.getValue();
                } else if (!o.getKey().equals("root")) {
                    if (!INPUTS.containsKey(o.getKey())) {
                        throw new IllegalArgumentException("unknown option --" + o.getKey() + " (the cost model takes --arch and " + String.join(", ",
                                INPUTS.keySet().stream().map(k -> "--" + k).toList()) + ")");
                    }
                    double v;
                    try {
                        v = Double.parseDouble(o.getValue());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--" + o.getKey() + " must be a number");
                    }
                    if (!(v >= 0) || Double.isInfinite(v)) {
                        throw new IllegalArgumentException("--" + o.getKey() + " must be a number of at least 0");
                    }
                    values.put(o.getKey(), v);
                }
            }
            for (String positive : List.of("events-per-call", "scorer-batch", "members-per-call")) {
                if (values.get(positive) < 1) {
                    throw new IllegalArgumentException("--" + positive + " must be at least 1");
                }
            }
            return new Inputs(arch, values);
        }

        public static Inputs defaults() {
            return parse(Map.of());
        }

        public Inputs with(String name, double value) {
            Map<String, Double> v = new LinkedHashMap<>(values);
            v.put(name, value);
            return new Inputs(architecture, v);
        }

        double get(String name) {
            Double v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no input " + name);
            }
            return v;
        }
    }

    /** One line of a table: what is bought, how much of it, and what it costs. */
    public record Line(String what, double quantity, String unit, double dollars) {
    }

    private CostModel() {
    }

    /** Lambda: requests and GB-seconds, at the function's memory. */
    static double lambda(Prices p, double invocations, double seconds, double mb) {
        return invocations * p.lambdaRequestsPerMillion() / 1e6 + seconds * mb / 1024 * p.lambdaGbSecond();
    }

    /** SQS bills every 64 KB of a request's payload as a request of its own. */
    static double chunks(double bytes) {
        return Math.max(1, Math.ceil(bytes / 65_536));
    }

    /** What one million interactions cost, posted through the ingestion API, queued, scored, with what they set off. */
    public static List<Line> perMillionInteractions(Inputs in, Prices p) {
        double events = 1e6;
        double calls = events / in.get("events-per-call");
        double scorerInvocations = calls / in.get("scorer-batch");
        double messageBytes = in.get("events-per-call") * in.get("bytes-per-event");
        // A send per call; Lambda receives a batch (billed per 64 KB of what it returns) and deletes it in one DeleteMessageBatch.
        double sqsRequests = calls * chunks(messageBytes) + scorerInvocations * (chunks(in.get("scorer-batch") * messageBytes) + 1);
        double standing = events * in.get("standing-events-per-event");
        double consumers = standing * in.get("consumers-per-standing-event");
        double invocations = calls + scorerInvocations + consumers;
        double logGb = invocations * in.get("log-bytes-per-invocation") / (1024.0 * 1024 * 1024);
        double reads = events * in.get("rcu-per-event") + calls * (0.5 + 0.5 * Math.min(in.get("members-per-call"), in.get("events-per-call")));
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("API Gateway HTTP API: ingestion calls", calls, "requests", calls * p.apiPerMillion() / 1e6));
        lines.add(new Line("Lambda ingestion: requests + GB-s", calls, "invocations",
                lambda(p, calls, calls * in.get("ingest-ms") / 1000, in.get("ingest-mb"))));
        lines.add(new Line("Lambda scorer: requests + GB-s", scorerInvocations, "invocations",
                lambda(p, scorerInvocations, events * in.get("scorer-ms-per-event") / 1000, in.get("scorer-mb"))));
        lines.add(new Line("SQS: send, receive, delete (per 64 KB)", sqsRequests, "requests", sqsRequests * p.sqsPerMillion() / 1e6));
        lines.add(new Line("DynamoDB writes (scorer)", events * in.get("wcu-per-event"), "write request units",
                events * in.get("wcu-per-event") * p.dynamoWritePerMillion() / 1e6));
        lines.add(new Line("DynamoDB reads (scorer; ingestion: key + member statuses)", reads, "read request units",
                reads * p.dynamoReadPerMillion() / 1e6));
        lines.add(new Line("EventBridge: standing changes published", standing, "events", standing * p.eventBridgePerMillion() / 1e6));
        lines.add(new Line("standing-change consumers: Lambda + DynamoDB", consumers, "invocations",
                lambda(p, consumers, consumers * in.get("consumer-ms") / 1000, in.get("consumer-mb"))
                        + consumers * (in.get("consumer-wcu") * p.dynamoWritePerMillion() + in.get("consumer-rcu") * p.dynamoReadPerMillion()) / 1e6));
        lines.add(new Line("CloudWatch Logs ingestion", logGb, "GB", logGb * p.logsPerGb()));
        double traces = (calls + scorerInvocations) * in.get("traced-fraction");
        lines.add(new Line("X-Ray traces (ingestion calls, scorer invocations)", traces, "traces", traces * p.xrayTracesPerMillion() / 1e6));
        lines.add(new Line("KMS (no call on this path)", 0, "requests", 0));
        return lines;
    }

    /** A month of a community: its interactions, sign-ups, messages, daily jobs and what is paid whatever the traffic. */
    public static List<Line> perMonth(Inputs in, Prices p) {
        double members = in.get("members");
        double scale = members / 100_000; // the daily jobs' figures are measured at 100,000 members and grow with them
        double events = members * in.get("events-per-member-month");
        double perMillion = total(perMillionInteractions(in, p));
        double signups = in.get("signups-per-month");
        double signupConsumers = signups * in.get("signup-consumers");
        double messages = members * in.get("messages-per-member-month");
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("interactions (the table above)", events, "events", events / 1e6 * perMillion));
        lines.add(new Line("sign-ups: API, function, DynamoDB, MemberJoined and its consumers", signups, "sign-ups",
                signups * (p.apiPerMillion() + p.eventBridgePerMillion()) / 1e6
                        + lambda(p, signups, signups * in.get("signup-ms") / 1000, in.get("signup-mb"))
                        + lambda(p, signupConsumers, signupConsumers * in.get("consumer-ms") / 1000, in.get("consumer-mb"))
                        + signups * (in.get("signup-wcu") * p.dynamoWritePerMillion() + in.get("signup-rcu") * p.dynamoReadPerMillion()) / 1e6));
        lines.add(new Line("messages: SES e-mail, sender, DynamoDB", messages, "e-mails",
                messages * p.sesPerThousand() / 1000 + lambda(p, messages, messages * in.get("message-ms") / 1000, in.get("message-mb"))
                        + messages * (in.get("message-wcu") * p.dynamoWritePerMillion() + in.get("message-rcu") * p.dynamoReadPerMillion()) / 1e6));
        double days = 30;
        lines.add(new Line("daily jobs, 30 runs", days, "runs",
                lambda(p, days, days * scale * in.get("daily-seconds"), in.get("daily-mb"))
                        + days * scale * (in.get("daily-wcu") * p.dynamoWritePerMillion() + in.get("daily-rcu") * p.dynamoReadPerMillion()) / 1e6));
        double polls = in.get("queues-polled") * 5 * (days * 86_400 / 20); // 5 pollers per event source, a 20 s long poll each
        lines.add(new Line("SQS: Lambda's idle long polling", polls, "requests", polls * p.sqsPerMillion() / 1e6));
        double storedGb = events * in.get("stored-bytes-per-event") / (1024.0 * 1024 * 1024);
        lines.add(new Line("DynamoDB storage added this month (a GB-month)", storedGb, "GB", storedGb * p.dynamoStorageGbMonth()));
        lines.add(new Line("KMS keys", in.get("kms-keys"), "keys", in.get("kms-keys") * p.kmsKeyMonth()));
        return lines;
    }

    public static double total(List<Line> lines) {
        return lines.stream().mapToDouble(Line::dollars).sum();
    }

    /** The whole report: inputs, the two tables, the target. */
    public static String report(Inputs in) {
        Prices p = Prices.usEast1(in.architecture());
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Cost model, AWS list prices us-east-1 (on-demand; Lambda %s at $%.10f per GB-s), checked 2026-12-06%n%n",
                in.architecture(), p.lambdaGbSecond()));
        out.append("| input | value | what |\n|---|---|---|\n");
        INPUTS.forEach((k, v) -> out.append(String.format(Locale.ROOT, "| --%s | %s | %s |%n", k, plain(in.get(k)), v.what())));
        List<Line> million = perMillionInteractions(in, p);
        out.append("\nPer million interactions:\n\n").append(table(million));
        double perMillion = total(million);
        out.append(String.format(Locale.ROOT, "%nTotal per million interactions: $%.2f (target: at most $2.50: %s)%n", perMillion,
                perMillion <= 2.50 ? "met" : "missed by $" + String.format(Locale.ROOT, "%.2f", perMillion - 2.50)));
        List<Line> month = perMonth(in, p);
        out.append(String.format(Locale.ROOT, "%nPer month, %s members:%n%n", plain(in.get("members")))).append(table(month));
        out.append(String.format(Locale.ROOT, "%nTotal per month: $%.2f%n", total(month)));
        return out.toString();
    }

    static String table(List<Line> lines) {
        StringBuilder t = new StringBuilder("| what | quantity | unit | $ |\n|---|---|---|---|\n");
        for (Line l : lines) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %.4f |%n", l.what(), plain(l.quantity()), l.unit(), l.dollars()));
        }
        return t.append(String.format(Locale.ROOT, "| **total** | | | **%.4f** |%n", total(lines))).toString();
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.3f", v);
    }
}
