package org.creditnode.bench;


import java.io.PrintStream;
import java.util.Arrays;

/** {@code java -jar credit-bench.jar COMMAND}: the benchmarks and the demo feeder, apart from the node. */
public final class BenchMain {
    static final String USAGE = """
            credit-bench: benchmarks of credit-node and the demo feeder (not part of the node).

              java -jar credit-bench.jar perf [--out DIR] [--only ingest] [fedbench options]
                                         the full performance table: raw limits, node figures, Artemis bridge chain, ratios
              java -jar credit-bench.jar fedbench [--records N] [--rate R] [--outage-seconds S] [--signing batch|record]
                                         four node processes on loopback: throughput, latency, catch-up county → national
              java -jar credit-bench.jar bench [--singles N] [--records N] [--batch N] [--threads N] [--signing batch|record]
                                         ingest throughput through the HTTP API (starts its own node)
            """ + FeedCommand.USAGE + """
              java -jar credit-bench.jar help
            """;

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "perf" -> PerfBenchmark.run(rest, out, err);
            case "fedbench" -> FederationBenchmark.run(rest, out, err);
            case "bench" -> IngestBenchmark.run(rest, out, err);
            case "feed" -> FeedCommand.run(rest, out, err);
            default -> {
                err.println("error: unknown command " + args[0]);
                err.print(USAGE);
                yield 2;
            }
        };
    }
}
