package org.creditnode.workflows;

/**
 * CSV as the workflows' downloads write it (joint-action statistics, quality figures): RFC 4180
 * quoting, and a cell starting with = + - @ (or a tab or carriage return) neutralised so that no
 * spreadsheet runs it as a formula. The file starts with a byte-order mark, so that spreadsheet
 * programs read the Chinese headings as UTF-8.
 */
public final class CsvRows {
    public static final String BOM = "\uFEFF";

    private CsvRows() {
    }

    public static void row(StringBuilder b, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) b.append(',');
            b.append(cell(cells[i] == null ? "" : String.valueOf(cells[i])));
        }
        b.append('\n');
    }

    public static String cell(String s) {
        String v = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
