package org.creditnode.node;

import org.creditnode.config.ConfigException;
import org.creditnode.config.NodeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar credit-node.jar --config FILE [--port N] [--data DIR]}, or a tool command. */
public final class NodeMain {
    private static final Logger LOG = LoggerFactory.getLogger(NodeMain.class);

    static final String USAGE = """
            credit-node: a node of the federated public-credit-information network.

            Run a node:
              java -jar credit-node.jar --config FILE [--port N] [--data DIR]
                --config FILE   the node's configuration (config/<node id>.yaml)
                --port N        HTTP port, overriding http.port of the file
                --data DIR      data folder (database, broker journal, keys), overriding "data"

            Operator commands:
              java -jar credit-node.jar admin --url URL COMMAND [--json]   (below)
              java -jar credit-node.jar help

            Benchmarks and the demo feeder are in the bench jar: java -jar bench/target/credit-bench.jar help

            """ + AdminCommand.USAGE;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Returns the process exit code: 0 after a clean stop, 2 for bad usage or configuration, 1 otherwise. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        if (args[0].equals("admin")) return AdminCommand.admin(AdminCommand.rest(args), out, err);
        String config = null;
        Integer port = null;
        String data = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--config" -> config = value(args, ++i, "--config");
                    case "--port" -> port = parsePort(value(args, ++i, "--port"));
                    case "--data" -> data = value(args, ++i, "--data");
                    default -> throw new ConfigException("unknown option " + args[i] + " (see: help)");
                }
            }
            if (config == null) throw new ConfigException("--config FILE is required (see: help)");
            NodeConfig cfg = NodeConfig.load(Path.of(config)).resolve(port, data);
            serve(cfg);
            return 0;
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            LOG.error("node failed", e);
            err.println("error: " + e);
            return 1;
        }
    }

    /** Runs until SIGTERM/SIGINT, then stops every part in order before the JVM exits. */
    private static void serve(NodeConfig cfg) throws Exception {
        CreditNode node = CreditNode.start(cfg, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stop signal received; stopping node id={}", cfg.node.id);
            node.close();
            stopped.countDown();
        }, "node-shutdown"));
        stopped.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new ConfigException(option + " needs a value");
        return args[i];
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) throw new NumberFormatException();
            return p;
        } catch (NumberFormatException e) {
            throw new ConfigException("--port must be a number from 1 to 65535, got " + s);
        }
    }
}
