package org.creditnode.node;

import org.creditnode.config.ConfigException;
import org.creditnode.config.NodeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar credit-node.jar --config FILE [--port N] [--data DIR]} runs a node;
 * {@code admin …} are the operator commands; {@code help [COMMAND]} explains any of them
 * (picocli generates it from the options declared here). Exit codes: 0 after a clean stop, 2 for
 * bad usage or configuration, 1 otherwise.
 */
@Command(name = "credit-node", usageHelpAutoWidth = true,
        description = "A node of the federated public-credit-information network (公共信用信息平台).",
        subcommands = {AdminCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Benchmarks and the demo feeder are in the bench jar: java -jar bench/target/credit-bench.jar help"})
public final class NodeMain implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(NodeMain.class);

    @Option(names = "--config", paramLabel = "FILE", description = "the node's configuration (config/<node id>.yaml)")
    Path config;

    @Option(names = "--port", paramLabel = "N", description = "HTTP port, overriding http.port of the file")
    Integer port;

    @Option(names = "--data", paramLabel = "DIR", description = "data folder (database, broker journal, keys), overriding \"data\"")
    String data;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
    boolean help;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Returns the process exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new NodeMain());
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        if (args.length == 0) {
            cl.usage(cl.getErr());
            return CommandLine.ExitCode.USAGE;
        }
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (config == null) throw new ParameterException(spec.commandLine(), "--config FILE is required (see: help)");
        if (port != null && (port < 1 || port > 65535)) {
            throw new ParameterException(spec.commandLine(), "--port must be a number from 1 to 65535, got " + port);
        }
        try {
            NodeConfig cfg = NodeConfig.load(config).resolve(port, data);
            serve(cfg);
            return 0;
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
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
}
