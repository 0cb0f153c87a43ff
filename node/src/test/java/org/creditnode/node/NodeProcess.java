package org.creditnode.node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node running as its own JVM process, started the way operators start it (NodeMain with
 * --config), with its output captured to a file.
 */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final Http http;
    private final Path dataDir;
    private final int adminPort;
    private Http department;
    private Http admin;

    private NodeProcess(Process process, Path log, int port, Path dataDir, int adminPort) {
        this.process = process;
        this.log = log;
        this.adminPort = adminPort;
        this.dataDir = dataDir;
        this.http = new Http("http://127.0.0.1:" + port + "/");
    }

    public static NodeProcess start(Path config, int port, Path log, String... extraArgs) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                NodeMain.class.getName(), "--config", config.toString(), "--port", String.valueOf(port)));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        org.creditnode.config.NodeConfig resolved = org.creditnode.config.NodeConfig.load(config).resolve(port, null);
        return new NodeProcess(p, log, port, resolved.dataDir(), resolved.admin.port);
    }

    /** Without credentials: /health and the public view. */
    public Http http() { return http; }

    /** The admin listener with the bootstrap operator token. */
    public synchronized Http admin() throws Exception {
        if (admin == null) admin = TestAccess.admin("http://127.0.0.1:" + adminPort, dataDir);
        return admin;
    }

    /** A department account's client (created once per process handle through the admin API). */
    public synchronized Http department() throws Exception {
        if (department == null) department = TestAccess.department(http.base(), admin());
        return department;
    }

    public Process process() { return process; }

    /** Polls /health until UP; fails with the process log if it does not come up in time or dies. */
    public Duration awaitHealthy(Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new AssertionError("node exited with " + process.exitValue() + ":\n" + log());
            try {
                if (http.get("/health").status() == 200) return Duration.ofNanos(System.nanoTime() - t0);
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(50); // polling interval for an external process; the condition is awaited, not assumed
        }
        throw new AssertionError("node not healthy within " + timeout + ":\n" + log());
    }

    /** Sends SIGTERM and waits for the exit; returns the exit code. */
    public int terminate(Duration timeout) throws Exception {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("node did not stop within " + timeout + " after SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    /** kill -9: no shutdown hook, no clean close — what a crash or a power cut leaves behind. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    public String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        if (process.isAlive()) process.destroyForcibly();
    }
}
