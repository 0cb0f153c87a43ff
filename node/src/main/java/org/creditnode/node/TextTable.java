package org.creditnode.node;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for operators' terminals. Chinese characters take two cells in a terminal, so
 * widths are counted in cells, not in characters.
 */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    /** @param headers a header starting with '>' is right-aligned (numbers); the '>' is not shown */
    TextTable(String... headers) {
        rightAligned = new boolean[headers.length];
        String[] h = new String[headers.length];
        for (int i = 0; i < headers.length; i++) {
            rightAligned[i] = headers[i].startsWith(">");
            h[i] = rightAligned[i] ? headers[i].substring(1) : headers[i];
        }
        rows.add(h);
    }

    TextTable row(Object... cells) {
        String[] r = new String[rightAligned.length];
        for (int i = 0; i < r.length; i++) r[i] = i < cells.length && cells[i] != null ? String.valueOf(cells[i]) : "";
        rows.add(r);
        return this;
    }

    @Override
    public String toString() {
        int[] width = new int[rightAligned.length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], cells(r[i]));
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                String pad = " ".repeat(width[i] - cells(r[i]));
                sb.append(rightAligned[i] ? pad + r[i] : i == r.length - 1 ? r[i] : r[i] + pad);
                if (i < r.length - 1) sb.append("  ");
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** Terminal cells: East Asian wide characters take two. */
    static int cells(String s) {
        return s.codePoints().map(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0x3000 && cp <= 0x303F) ? 2 : 1).sum();
    }
}
