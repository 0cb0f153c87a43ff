package org.creditnode.node;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Runs a command (openssl, sh) and returns its exit code and combined output. */
final class Openssl {
    record Result(int exit, String output) {
    }

    static Result run(Path cwd, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), out);
    }
}
