package org.creditnode.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code java -jar credit-bench.jar COMMAND}: the benchmarks and the demo feeder, apart from the
 * node. Help for every command and option comes from picocli ({@code help perf}); bad usage exits 2.
 */
@Command(name = "credit-bench", usageHelpAutoWidth = true,
        description = "Benchmarks of credit-node and the demo feeder (not part of the node). Traffic stays on loopback; every phase is bounded.",
        subcommands = {BenchMain.Perf.class, BenchMain.FedBench.class, BenchMain.Bench.class, BenchMain.MatchBench.class, BenchMain.ReflectBench.class, BenchMain.ReportBench.class, BenchMain.QualityBench.class, BenchMain.AllianceBench.class, BenchMain.Feed.class,
                CommandLine.HelpCommand.class})
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new BenchMain());
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        cl.setOut(o);
        cl.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        if (args.length == 0) {
            cl.usage(cl.getErr());
            return CommandLine.ExitCode.USAGE;
        }
        return cl.execute(args);
    }

    /** The options of a federation run, shared by fedbench and perf. */
    static final class FederationOptions {
        @Option(names = "--records", paramLabel = "N", defaultValue = "20000", description = "records for the end-to-end run (default ${DEFAULT-VALUE})")
        int records;
        @Option(names = "--rate", paramLabel = "R", defaultValue = "0", description = "records/s for the latency run; 0: half the measured peak")
        int rate;
        @Option(names = "--steady-seconds", paramLabel = "S", defaultValue = "20", description = "length of the latency run (default ${DEFAULT-VALUE})")
        int steadySeconds;
        @Option(names = "--outage-seconds", paramLabel = "S", defaultValue = "30", description = "national's outage before catch-up (default ${DEFAULT-VALUE})")
        int outageSeconds;
        @Option(names = "--outage-rate", paramLabel = "R", defaultValue = "1000", description = "records/s fed during the outage (default ${DEFAULT-VALUE})")
        int outageRate;
        @Option(names = "--signing", paramLabel = "MODE", defaultValue = "batch", description = "batch or record (default ${DEFAULT-VALUE})")
        String signing;
        @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "config", description = "the catalogue, regions and holidays (routes beside it)")
        Path configDir;
        @Option(names = "--subjects", paramLabel = "KIND", defaultValue = "ORG",
                description = "ORG: penalties against enterprises; PERSON: against people, each record encrypted at rest (default ${DEFAULT-VALUE})")
        String subjects;

        FederationBenchmark.Options options() {
            return new FederationBenchmark.Options(records, rate, steadySeconds, outageSeconds, outageRate, signing, configDir,
                    "PERSON".equalsIgnoreCase(subjects));
        }
    }

    @Command(name = "fedbench", description = "Four node processes on loopback: throughput, latency and catch-up county → national.")
    static final class FedBench implements Callable<Integer> {
        @Mixin
        FederationOptions fed;

        public Integer call() {
            return FederationBenchmark.run(fed.options(), System.out, System.err);
        }
    }

    @Command(name = "perf", description = "The full performance table: raw limits, node figures, the Artemis bridge chain, ratios; CSV and JSON too.")
    static final class Perf implements Callable<Integer> {
        @Mixin
        FederationOptions fed;
        @Option(names = "--out", paramLabel = "DIR", defaultValue = "perf-results", description = "where CSV and JSON go (default ${DEFAULT-VALUE})")
        Path out;
        @Option(names = "--ingest-records", paramLabel = "N", defaultValue = "100000", description = "records for the ingest figure")
        int ingestRecords;
        @Option(names = "--chain-messages", paramLabel = "N", defaultValue = "50000", description = "messages through the bridge chain")
        int chainMessages;
        @Option(names = "--only", paramLabel = "PART", description = "ingest: only the raw limits and API ingest (about a minute)")
        String only;

        public Integer call() {
            if (only != null && !only.equals("ingest")) {
                System.err.println("error: --only takes \"ingest\", got " + only);
                return CommandLine.ExitCode.USAGE;
            }
            try {
                return PerfBenchmark.measure(fed.options(), ingestRecords, chainMessages, only != null, out, System.out);
            } catch (Exception e) {
                System.err.println("error: performance run failed: " + e);
                return 1;
            }
        }
    }

    @Command(name = "bench", description = "Ingest throughput through the HTTP API of a node it starts itself.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--singles", paramLabel = "N", defaultValue = "4000", description = "single-record requests (default ${DEFAULT-VALUE})")
        int singles;
        @Option(names = "--records", paramLabel = "N", defaultValue = "100000", description = "records sent in batches (default ${DEFAULT-VALUE})")
        int records;
        @Option(names = "--batch", paramLabel = "N", defaultValue = "1000", description = "records per batch (default ${DEFAULT-VALUE})")
        int batch;
        @Option(names = "--threads", paramLabel = "N", defaultValue = "8", description = "client threads (default ${DEFAULT-VALUE})")
        int threads;
        @Option(names = "--signing", paramLabel = "MODE", defaultValue = "batch", description = "batch or record (default ${DEFAULT-VALUE})")
        String signing;
        @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "config", description = "the catalogue, regions and holidays (routes beside it)")
        Path configDir;

        public Integer call() {
            try {
                return IngestBenchmark.bench(singles, records, batch, threads, signing, configDir, System.out);
            } catch (Exception e) {
                System.err.println("error: benchmark failed: " + e);
                return 1;
            }
        }
    }

    @Command(name = "matchbench", description = "Automatic matching against a large list: single and batch checks through the HTTP API.")
    static final class MatchBench implements Callable<Integer> {
        @Option(names = "--entries", paramLabel = "N", defaultValue = "1000000", description = "list entries in the index (default ${DEFAULT-VALUE})")
        int entries;
        @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "config", description = "the catalogue, regions and holidays (routes beside it)")
        Path configDir;

        public Integer call() {
            try {
                return MatchBenchmark.run(entries, configDir, System.out);
            } catch (Exception e) {
                System.err.println("error: benchmark failed: " + e);
                return 1;
            }
        }
    }

    @Command(name = "reflectbench", description = "A list entry made at the province until a county's check reflects it, under load (four node processes).")
    static final class ReflectBench implements Callable<Integer> {
        @Option(names = "--entries", paramLabel = "N", defaultValue = "100", description = "list entries timed (default ${DEFAULT-VALUE})")
        int entries;
        @Option(names = "--rate", paramLabel = "N", defaultValue = "1000", description = "records/s the county feeds upward meanwhile (default ${DEFAULT-VALUE})")
        int rate;
        @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "config", description = "the catalogue, regions and holidays (routes beside it)")
        Path configDir;

        public Integer call() {
            try {
                return ReflectionBenchmark.run(entries, rate, configDir, System.out);
            } catch (Exception e) {
                System.err.println("error: benchmark failed: " + e);
                return 1;
            }
        }
    }

    @Command(name = "reportbench", description = "Credit report generation (grade, HTML, PDF) for one subject with many records, through the HTTP API.")
    static final class ReportBench implements Callable<Integer> {
        @Option(names = "--records", paramLabel = "N", defaultValue = "1000", description = "records about the subject (default ${DEFAULT-VALUE})")
        int records;
        @Option(names = "--rounds", paramLabel = "N", defaultValue = "5", description = "timed rounds of each report (default ${DEFAULT-VALUE})")
        int rounds;
        @Option(names = "--keep", paramLabel = "DIR", description = "write the last HTML and PDF report there")
        Path keep;
        @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "config", description = "the catalogue, regions and holidays (routes beside it)")
        Path configDir;

        public Integer call() {
            try {
                return ReportBenchmark.run(records, rounds, configDir, keep, System.out);
            } catch (Exception e) {
                System.err.println("error: benchmark failed: " + e);
                return 1;
            }
        }
    }

    @Command(name = "qualitybench", description = "Timeliness and data-quality figures (迟报率/错误率/漏报率) over N own records through the HTTP API.")
    static final class QualityBench implements Callable<Integer> {
        @Option(names = "--records", paramLabel = "N", defaultValue = "1000000", description = "own records projected (default ${DEFAULT-VALUE})")
        int records;
        @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "config", description = "the catalogue, regions and holidays (routes beside it)")
        Path configDir;

        public Integer call() {
            try {
                return QualityBenchmark.run(records, configDir, System.out);
            } catch (Exception e) {
                System.err.println("error: benchmark failed: " + e);
                return 1;
            }
        }
    }

    @Command(name = "alliancebench", description = "Mutual query (互查) between two provinces: latency p50/p99, queries/s while one takes in its city's records at 1,000/s, and revocation → recognised copy's effect.")
    static final class AllianceBench implements Callable<Integer> {
        @Option(names = "--queries", paramLabel = "N", defaultValue = "500", description = "timed queries per figure (default ${DEFAULT-VALUE})")
        int queries;
        @Option(names = "--records", paramLabel = "N", defaultValue = "10", description = "records about the subject (default ${DEFAULT-VALUE})")
        int records;
        @Option(names = "--askers", paramLabel = "K", defaultValue = "4", description = "concurrent askers for queries/s under load (default ${DEFAULT-VALUE})")
        int askers;
        @Option(names = "--seconds", paramLabel = "S", defaultValue = "20", description = "length of the queries/s window (default ${DEFAULT-VALUE})")
        int seconds;
        @Option(names = "--revocations", paramLabel = "N", defaultValue = "30",
                description = "revocations timed until the recognised copy stops counting, without and with load (default ${DEFAULT-VALUE} each)")
        int revocations;
        @Option(names = "--config-dir", paramLabel = "DIR", defaultValue = "config", description = "the catalogue, regions and holidays (routes beside it)")
        Path configDir;

        public Integer call() {
            try {
                return AllianceBenchmark.run(queries, records, askers, seconds, revocations, configDir, System.out);
            } catch (Exception e) {
                System.err.println("error: benchmark failed: " + e);
                return 1;
            }
        }
    }

    @Command(name = "feed", description = "Submit generated sample records (made-up codes) to a node, for the demo and load tests.")
    static final class Feed implements Callable<Integer> {
        @Option(names = "--url", required = true, paramLabel = "URL", description = "the node's HTTP listener, e.g. http://127.0.0.1:8440")
        String url;
        @Option(names = "--records", paramLabel = "N", defaultValue = "100", description = "how many (default ${DEFAULT-VALUE})")
        int records;
        @Option(names = "--batch", paramLabel = "N", defaultValue = "500", description = "records per request (default ${DEFAULT-VALUE})")
        int batch;
        @Option(names = "--category", paramLabel = "C", defaultValue = "ADMIN_PENALTY",
                description = "ADMIN_PENALTY, ADMIN_LICENSE, RED_LIST, SERIOUS_DISHONESTY_LIST or COMMITMENT (default ${DEFAULT-VALUE})")
        String category;
        @Option(names = "--key-file", required = true, paramLabel = "FILE",
                description = "a file holding a department account's API key (admin account-create prints one)")
        java.nio.file.Path keyFile;
        @Option(names = "--print-ids", description = "print each accepted record's id on its own line, after the summary")
        boolean printIds;

        public Integer call() throws Exception {
            return FeedCommand.run(url, java.nio.file.Files.readString(keyFile).trim(), records, batch, category, printIds, System.out, System.err);
        }
    }
}
