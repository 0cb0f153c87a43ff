package org.creditnode.workflows.report;

import org.creditnode.workflows.grade.Grade;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The credit report as one self-contained HTML page (styles and the chart inline, as SVG), so that
 * the signed bytes are the whole document: nothing it shows is fetched from elsewhere.
 */
public final class ReportHtml {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"));

    private ReportHtml() {
    }

    public static byte[] render(CreditReport r) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String name = r.subject().name() == null ? r.subject().code() : r.subject().name();
        h.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>信用报告 ").append(esc(name)).append("</title>\n")
                .append("<style>body{font-family:\"WenQuanYi Zen Hei\",\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}td,th{border:1px solid #bbb;padding:4px 6px;")
                .append("vertical-align:top;text-align:left;font-size:13px}th{background:#eef}.mark{color:#a40}.grade{font-size:20px}</style>")
                .append("</head><body>\n");
        h.append("<h1>信用报告</h1>\n<table>");
        row(h, "主体名称", name);
        row(h, "统一社会信用代码/身份证号", r.subject().code());
        row(h, "查询用途", r.purposeLabel() + "（" + r.purpose() + "）");
        row(h, "报告编号", r.reportId());
        row(h, "出具节点", r.node());
        row(h, "生成时间", TIME.format(r.generatedAt()));
        row(h, "记录数", String.valueOf(r.recordCount()));
        h.append("</table>\n");

        Grade g = r.grade();
        h.append("<h2>公共信用综合评价（").append(g.year()).append("年度）</h2>\n<p class=\"grade\">").append(esc(g.band().name()))
                .append(" 级（").append(esc(g.band().label())).append("），得分 ").append(score(g.score())).append("</p>\n<p>")
                .append("计入 ").append(g.from()).append(" 至 ").append(g.to()).append(" 作出的记录 ").append(g.contributions().size())
                .append(" 条；评价规则 ").append(esc(g.rules())).append(g.sample() ? "（示例规则 SAMPLE）" : "");
        if (g.cap() != null) h.append("；因存在").append(esc(g.cap().category())).append("记录，等级至多为 ").append(esc(g.cap().atMost()));
        h.append("</p>\n");

        h.append("<h2>记录数量（按").append(r.chart().unit() == ReportChart.Unit.YEAR ? "年" : "月").append("）</h2>\n");
        svg(h, r.chart());

        if (!r.listEntries().isEmpty()) {
            h.append("<h2>名单信息</h2>\n<table><tr><th>名单</th><th>名单名称</th><th>名单类型</th><th>有效期</th><th>状态</th></tr>");
            for (CreditReport.ListEntry e : r.listEntries()) {
                h.append("<tr><td>").append(esc(e.categoryLabel())).append("</td><td>").append(esc(e.listName())).append("</td><td>")
                        .append(esc(e.listTypeLabel())).append("</td><td>").append(e.validFrom()).append(" 至 ")
                        .append(e.validTo() == null ? "长期" : e.validTo()).append("</td><td>").append(esc(e.statusLabel())).append("</td></tr>");
            }
            h.append("</table>\n");
        }
        if (!r.marks().isEmpty()) {
            h.append("<h2>异议、修复及状态标注</h2>\n<table><tr><th>记录</th><th>类别</th><th>决定日期</th><th>状态</th><th>说明</th></tr>");
            for (CreditReport.Mark m : r.marks()) {
                h.append("<tr><td>").append(esc(m.recordId())).append("</td><td>").append(esc(m.categoryLabel())).append("</td><td>")
                        .append(m.decisionDate()).append("</td><td class=\"mark\">").append(esc(m.statusLabel())).append("</td><td>")
                        .append(esc(m.note())).append("</td></tr>");
            }
            h.append("</table>\n");
        }
        for (CreditReport.Section s : r.sections()) {
            h.append("<h2>").append(esc(s.label())).append("（").append(s.items().size()).append("条）</h2>\n")
                    .append("<table><tr><th>决定日期</th><th>认定机关</th><th>状态</th><th>内容</th></tr>");
            for (CreditReport.Item i : s.items()) {
                h.append("<tr><td>").append(i.decisionDate()).append("</td><td>").append(esc(i.authority())).append("</td><td")
                        .append(i.status().equals("ACTIVE") ? "" : " class=\"mark\"").append(">").append(esc(i.statusLabel()))
                        .append(i.severityLabel() == null ? "" : "<br>" + esc(i.severityLabel())).append("</td><td>");
                for (CreditReport.Field f : i.fields()) h.append(esc(f.label())).append("：").append(esc(f.value())).append("<br>");
                h.append("<small>").append(esc(i.recordId())).append(" 第").append(i.version()).append("版</small></td></tr>");
            }
            h.append("</table>\n");
        }
        if (!r.withheld().isEmpty()) {
            h.append("<p>按查询用途不予显示的记录：").append(esc(r.withheld().toString())).append("</p>\n");
        }
        h.append("<p><small>本报告由节点 ").append(esc(r.node())).append(" 以国密SM2签名（响应头 X-Credit-Signature，签名对象为本文件的全部字节）。")
                .append("</small></p>\n</body></html>\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A bar chart: the bars scale to the highest, each labelled with its period and count. */
    private static void svg(StringBuilder h, ReportChart.Chart chart) {
        int n = Math.max(1, chart.bars().size());
        int barWidth = Math.max(8, Math.min(60, 600 / n));
        int width = 40 + n * (barWidth + 4);
        int plot = 160;
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"记录数量\" width=\"").append(width)
                .append("\" height=\"").append(plot + 50).append("\">");
        int highest = Math.max(1, chart.highest());
        for (int k = 0; k < chart.bars().size(); k++) {
            ReportChart.Bar b = chart.bars().get(k);
            int height = (int) Math.round((double) b.count() / highest * plot);
            int x = 30 + k * (barWidth + 4);
            h.append("<rect x=\"").append(x).append("\" y=\"").append(20 + plot - height).append("\" width=\"").append(barWidth)
                    .append("\" height=\"").append(height).append("\" fill=\"#4a6fa5\"><title>").append(esc(b.label())).append("：")
                    .append(b.count()).append("条</title></rect>");
            h.append("<text x=\"").append(x + barWidth / 2).append("\" y=\"").append(15 + plot - height)
                    .append("\" font-size=\"10\" text-anchor=\"middle\">").append(b.count()).append("</text>");
            if (chart.bars().size() <= 24) {
                h.append("<text x=\"").append(x + barWidth / 2).append("\" y=\"").append(plot + 35)
                        .append("\" font-size=\"9\" text-anchor=\"middle\">").append(esc(b.label())).append("</text>");
            }
        }
        h.append("<line x1=\"28\" y1=\"").append(plot + 20).append("\" x2=\"").append(width).append("\" y2=\"").append(plot + 20)
                .append("\" stroke=\"#333\"/></svg>\n");
    }

    private static void row(StringBuilder h, String label, String value) {
        h.append("<tr><th>").append(label).append("</th><td>").append(esc(value)).append("</td></tr>");
    }

    static String score(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.2f", s);
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
