package org.creditnode.sign;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * ECMAScript Number::toString(x) for doubles (ECMA-262 §6.1.6.1.20), as RFC 8785 §3.2.2.3 requires.
 *
 * <p>The hard part is the shortest round-trip digit string. Java 17's Double.toString is
 * sometimes one digit too long (JDK-4511638, fixed only in JDK 19), so it is trusted only where
 * that cannot matter, and otherwise the digits are searched with exact BigDecimal arithmetic.
 */
final class EcmaNumber {

    static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final MathContext[] FLOOR = new MathContext[18];
    private static final MathContext[] CEILING = new MathContext[18];

    static {
        for (int p = 1; p < 18; p++) {
            FLOOR[p] = new MathContext(p, RoundingMode.FLOOR);
            CEILING[p] = new MathContext(p, RoundingMode.CEILING);
        }
    }

    private EcmaNumber() {
    }

    static String toString(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("JSON has no NaN or Infinity: " + v);
        }
        if (v == 0) {
            return "0"; // also -0
        }
        boolean negative = v < 0;
        double a = Math.abs(v);
        if (a <= MAX_SAFE_INTEGER && a == Math.rint(a)) { // common case: whole amounts, counts
            return negative ? "-" + (long) a : Long.toString((long) a);
        }
        StringBuilder sb = new StringBuilder(26);
        if (negative) {
            sb.append('-');
        }
        Digits d = javaDigits(a);
        if (d.digits.length() >= 16 || a < Double.MIN_NORMAL) {
            d = shortestDigits(a, d.digits.length());
        }
        format(d.digits, d.pointPos, sb);
        return sb.toString();
    }

    /**
     * Shortest digits s and decimal point position n with value = 0.s × 10^n (ES's "k" and "n").
     */
    record Digits(String digits, int pointPos) {
    }

    /**
     * Digits of Java's Double.toString. They always round-trip; when there are at most 15 of them
     * and the value is normal, they are also the unique shortest (two different decimals of
     * ≤ 15 significant digits never map to the same normal double, DBL_DIG = 15).
     */
    static Digits javaDigits(double a) {
        String js = Double.toString(a);
        int n = js.length();
        int exp = 0;
        int e = js.indexOf('E');
        int mantEnd = e < 0 ? n : e;
        if (e >= 0) {
            exp = Integer.parseInt(js, e + 1, n, 10);
        }
        StringBuilder digits = new StringBuilder(20);
        int intDigits = 0;
        boolean seenPoint = false;
        for (int i = 0; i < mantEnd; i++) {
            char c = js.charAt(i);
            if (c == '.') {
                seenPoint = true;
            } else {
                digits.append(c);
                if (!seenPoint) {
                    intDigits++;
                }
            }
        }
        int pointPos = intDigits + exp;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        int end = digits.length();
        while (end > lead + 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return new Digits(digits.substring(lead, end), pointPos - lead);
    }

    /**
     * Exact search: the fewest digits p whose nearest p-digit decimal (from below or above) parses
     * back to {@code a}. Round-tripping is monotone in p, so we walk down from a known-good length.
     */
    static Digits shortestDigits(double a, int knownGoodLength) {
        BigDecimal exact = new BigDecimal(a);
        BigDecimal best = nearestRoundTrip(exact, a, Math.min(knownGoodLength, 17));
        if (best == null) { // cannot happen if Double.toString round-trips; be safe anyway
            for (int p = 1; p <= 17 && best == null; p++) {
                best = nearestRoundTrip(exact, a, p);
            }
        } else {
            for (int p = knownGoodLength - 1; p >= 1; p--) {
                BigDecimal shorter = nearestRoundTrip(exact, a, p);
                if (shorter == null) {
                    break;
                }
                best = shorter;
            }
        }
        BigDecimal s = best.stripTrailingZeros();
        String digits = s.unscaledValue().toString();
        return new Digits(digits, digits.length() - s.scale());
    }

    /** ES tie-breaking: of two round-tripping candidates take the closer, then the even one. */
    private static BigDecimal nearestRoundTrip(BigDecimal exact, double a, int p) {
        BigDecimal down = exact.round(FLOOR[p]);
        BigDecimal up = exact.round(CEILING[p]);
        boolean downOk = down.doubleValue() == a;
        boolean upOk = up.doubleValue() == a;
        if (downOk && upOk) {
            int cmp = exact.subtract(down).compareTo(up.subtract(exact));
            if (cmp != 0) {
                return cmp < 0 ? down : up;
            }
            return down.unscaledValue().testBit(0) ? up : down;
        }
        return downOk ? down : upOk ? up : null;
    }

    /** Number::toString steps 6–10, with k = digits.length() and n = pointPos. */
    static void format(String digits, int n, StringBuilder sb) {
        int k = digits.length();
        if (k <= n && n <= 21) {
            sb.append(digits);
            for (int i = k; i < n; i++) {
                sb.append('0');
            }
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.");
            for (int i = n; i < 0; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            int e = n - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
    }
}
