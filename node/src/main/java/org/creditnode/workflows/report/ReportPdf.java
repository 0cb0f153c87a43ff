package org.creditnode.workflows.report;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.creditnode.workflows.grade.Grade;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;

/**
 * The credit report as PDF: the same content as {@link ReportHtml}, the CJK font embedded (as a
 * subset, so a 1,000-record report stays small) and the chart drawn with PDFBox graphics.
 */
public final class ReportPdf {
    private final CjkFont font;

    public ReportPdf(CjkFont font) {
        this.font = font;
    }

    public byte[] render(CreditReport r) throws IOException {
        try (CjkFont.Opened opened = font.open(); PDDocument doc = new PDDocument()) {
            PDType0Font f = PDType0Font.load(doc, opened.font(), true);
            String name = r.subject().name() == null ? r.subject().code() : r.subject().name();
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle("信用报告 " + name);
            info.setProducer("credit-node " + r.node());
            Calendar created = new GregorianCalendar(TimeZone.getTimeZone("Asia/Shanghai"));
            created.setTimeInMillis(r.generatedAt().toEpochMilli());
            info.setCreationDate(created);
            try (PdfPages p = new PdfPages(doc, f)) {
                write(p, r, name);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void write(PdfPages p, CreditReport r, String name) throws IOException {
        p.text("信用报告", 20, 0);
        p.gap(6);
        p.text("主体名称：" + name, 11, 0);
        p.text("统一社会信用代码/身份证号：" + r.subject().code(), 11, 0);
        p.text("查询用途：" + r.purposeLabel() + "（" + r.purpose() + "）", 11, 0);
        p.text("报告编号：" + r.reportId(), 9, 0);
        p.text("出具节点：" + r.node() + "    生成时间：" + ReportHtml.TIME.format(r.generatedAt()) + "    记录数：" + r.recordCount(), 9, 0);

        Grade g = r.grade();
        heading(p, "公共信用综合评价（" + g.year() + "年度）");
        p.text(g.band().name() + " 级（" + g.band().label() + "），得分 " + ReportHtml.score(g.score()), 14, 0);
        p.text("计入 " + g.from() + " 至 " + g.to() + " 作出的记录 " + g.contributions().size() + " 条；评价规则 " + g.rules()
                + (g.sample() ? "（示例规则 SAMPLE）" : "")
                + (g.cap() == null ? "" : "；因存在" + g.cap().category() + "记录，等级至多为 " + g.cap().atMost()), 9, 0);

        heading(p, "记录数量（按" + (r.chart().unit() == ReportChart.Unit.YEAR ? "年" : "月") + "）");
        chart(p, r.chart());

        if (!r.listEntries().isEmpty()) {
            heading(p, "名单信息");
            for (CreditReport.ListEntry e : r.listEntries()) {
                p.text(e.categoryLabel() + "：" + e.listName() + "（" + (e.listTypeLabel() == null ? "" : e.listTypeLabel()) + "）", 10, 0);
                p.text("有效期 " + e.validFrom() + " 至 " + (e.validTo() == null ? "长期" : e.validTo()) + "；状态：" + e.statusLabel(), 9, 12);
            }
        }
        if (!r.marks().isEmpty()) {
            heading(p, "异议、修复及状态标注");
            for (CreditReport.Mark m : r.marks()) {
                p.text("【" + m.statusLabel() + "】" + m.categoryLabel() + " " + m.decisionDate() + " " + m.recordId()
                        + (m.note().isEmpty() ? "" : "：" + m.note()), 9, 0);
            }
        }
        for (CreditReport.Section s : r.sections()) {
            heading(p, s.label() + "（" + s.items().size() + "条）");
            for (CreditReport.Item i : s.items()) {
                p.need(40);
                p.text(i.decisionDate() + "  " + i.authority() + "  【" + i.statusLabel() + "】"
                        + (i.severityLabel() == null ? "" : "  " + i.severityLabel()), 10, 0);
                StringBuilder fields = new StringBuilder();
                for (CreditReport.Field f : i.fields()) fields.append(f.label()).append("：").append(f.value()).append("；");
                p.text(fields.toString(), 8, 12);
                p.text(i.recordId() + " 第" + i.version() + "版", 7, 12);
                p.gap(3);
            }
        }
        if (!r.withheld().isEmpty()) {
            heading(p, "按查询用途不予显示的记录");
            p.text(r.withheld().toString(), 9, 0);
        }
        p.gap(10);
        p.text("本报告由节点 " + r.node() + " 以国密SM2签名（响应头 X-Credit-Signature，签名对象为本文件的全部字节）。", 8, 0);
    }

    private static void heading(PdfPages p, String text) throws IOException {
        p.need(60);
        p.gap(8);
        p.text(text, 13, 0);
        p.gap(2);
    }

    /** Bars scaled to the highest, each with its count above and its period below (labels thinned when crowded). */
    private static void chart(PdfPages p, ReportChart.Chart chart) throws IOException {
        float plot = 120;
        p.need(plot + 40);
        float base = p.y() - plot - 10;
        int n = Math.max(1, chart.bars().size());
        float slot = Math.min(50, p.width() / n);
        float bar = slot * 0.7f;
        int highest = Math.max(1, chart.highest());
        int every = Math.max(1, (int) Math.ceil(n / 24.0));
        PDPageContentStream cs = p.canvas();
        cs.setNonStrokingColor(0.29f, 0.44f, 0.65f);
        for (int k = 0; k < chart.bars().size(); k++) {
            float h = (float) chart.bars().get(k).count() / highest * plot;
            cs.addRect(PdfPages.MARGIN + k * slot, base, bar, h);
        }
        cs.fill();
        cs.setNonStrokingColor(0f, 0f, 0f);
        cs.moveTo(PdfPages.MARGIN - 2, base);
        cs.lineTo(PdfPages.MARGIN + n * slot, base);
        cs.stroke();
        for (int k = 0; k < chart.bars().size(); k++) {
            ReportChart.Bar b = chart.bars().get(k);
            float x = PdfPages.MARGIN + k * slot;
            float h = (float) b.count() / highest * plot;
            p.textAt(String.valueOf(b.count()), 7, x, base + h + 2);
            if (k % every == 0) p.textAt(b.label(), 6, x, base - 9);
        }
        p.gap(plot + 30);
    }
}
