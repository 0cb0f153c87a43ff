package org.creditnode.workflows.quality;

import org.creditnode.workflows.CsvRows;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The figures as CSV for the people who open them in a spreadsheet: Chinese headings, UTF-8 with a
 * byte-order mark (so that spreadsheet programs show the Chinese), rates as percentages, and no
 * cell that a spreadsheet would run as a formula.
 */
public final class QualityCsv {
    private QualityCsv() {
    }

    public enum Table { ROWS, RANKING }

    public static String csv(QualityFigures.Figures f, Table table) {
        StringBuilder b = new StringBuilder(CsvRows.BOM);
        if (table == Table.ROWS) {
            b.append("统计周期,节点,报送单位代码,报送单位名称,信息类别,类别名称,报送条数,按时报送,迟报,错误（被拒）,应报总数,已报（按决定日期）,漏报,迟报率,错误率,漏报率\n");
            for (QualityFigures.Row r : f.rows()) {
                CsvRows.row(b, r.period(), r.node(), r.authority(), r.authorityName(), r.category(), r.categoryName(), r.received(), r.onTime(), r.late(),
                        r.rejected(), r.declared(), r.reported(), r.missing(), percent(r.lateRate()), percent(r.errorRate()), percent(r.missingRate()));
            }
        } else {
            b.append("排名,节点,报送单位代码,报送单位名称,报送条数,迟报,错误（被拒）,漏报,迟报率,错误率,漏报率\n");
            for (QualityFigures.Ranked r : f.ranking()) {
                CsvRows.row(b, r.rank(), r.node(), r.authority(), r.authorityName(), r.received(), r.late(), r.rejected(), r.missing(),
                        percent(r.lateRate()), percent(r.errorRate()), percent(r.missingRate()));
            }
        }
        return b.toString();
    }

    /** 0.3333 → 33.33%; no rate → empty. */
    static String percent(BigDecimal rate) {
        return rate == null ? "" : rate.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%";
    }

}
