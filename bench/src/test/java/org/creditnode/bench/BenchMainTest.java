package org.creditnode.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench jar's commands: generated help for each, exit code 2 with the reason on bad usage. */
class BenchMainTest {
    @Test
    void helpListsEveryCommandAndBadUsageSaysWhy() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, BenchMain.run(new String[]{"help"}, new PrintStream(out), new PrintStream(err)));
        for (String c : new String[]{"perf", "fedbench", "bench", "feed"}) assertTrue(out.toString().contains(c), out.toString());
        assertEquals(2, BenchMain.run(new String[]{"bench", "--singles", "x"}, new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString().contains("'--singles': 'x' is not an int"), err.toString());
        err.reset();
        assertEquals(2, BenchMain.run(new String[]{"feed"}, new PrintStream(out), new PrintStream(err)));
        assertTrue(err.toString().contains("--url"), err.toString());
        err.reset();
        assertEquals(2, BenchMain.run(new String[]{"perf", "--only", "everything"}, new PrintStream(out), new PrintStream(err)));
    }
}
