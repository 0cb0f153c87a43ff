package org.creditnode.certs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs /usr/bin/openssl (3.0.19 on these machines) and captures exit code and combined output. */
final class OpenSsl {
    static final String BIN = "/usr/bin/openssl";

    record Result(int exit, String output) {
        boolean ok() { return exit == 0; }
    }

    private OpenSsl() {
    }

    static Result run(Path workDir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(BIN);
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("openssl timed out: " + cmd);
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
