package org.creditnode.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares our number formatting with a real ECMAScript engine (Node.js) on many random doubles,
 * including the 16/17-digit values where Java 17's Double.toString is not shortest.
 * Skipped where node is not installed.
 */
class EcmaNumberNodeJsTest {

    @Test
    void matchesNodeJs(@TempDir Path dir) throws Exception {
        Path node = Path.of("/usr/bin/node");
        assumeTrue(Files.isExecutable(node), "node not installed");
        SplittableRandom rnd = new SplittableRandom(8785);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(rnd.nextLong()); // any bit pattern
                case 1 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(-30, 30));
                case 2 -> Math.round(rnd.nextDouble() * 1e8) / 100.0; // money-like amounts
                default -> Double.longBitsToDouble(rnd.nextLong(0, 1L << 53)); // subnormals and tiny
            };
            if (!Double.isNaN(d) && !Double.isInfinite(d)) {
                values.add(d);
            }
        }
        StringBuilder in = new StringBuilder();
        for (double d : values) {
            in.append(Long.toHexString(Double.doubleToRawLongBits(d))).append('\n');
        }
        Path bits = Files.writeString(dir.resolve("bits.txt"), in);
        Path script = Files.writeString(dir.resolve("fmt.js"),
                "const b=Buffer.alloc(8);const out=[];"
                        + "for(const l of require('fs').readFileSync(process.argv[2],'utf8').split('\\n')){"
                        + "if(!l)continue;b.writeBigUInt64BE(BigInt('0x'+l));out.push(String(b.readDoubleBE(0)));}"
                        + "require('fs').writeFileSync(process.argv[3],out.join('\\n'));");
        Path outFile = dir.resolve("out.txt");
        Process p = new ProcessBuilder(node.toString(), script.toString(), bits.toString(), outFile.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        List<String> expected = Files.readAllLines(outFile);
        assertEquals(values.size(), expected.size());
        for (int i = 0; i < values.size(); i++) {
            String want = expected.get(i).equals("-0") ? "0" : expected.get(i);
            assertEquals(want, EcmaNumber.toString(values.get(i)), "bits " + Long.toHexString(
                    Double.doubleToRawLongBits(values.get(i))));
        }
    }
}
