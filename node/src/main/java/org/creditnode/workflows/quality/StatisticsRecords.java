package org.creditnode.workflows.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.creditnode.store.QualityCounts.DayCount;
import org.creditnode.store.QualityCounts.MonthCount;
import org.creditnode.store.QualityCounts.Remote;
import org.creditnode.store.StoredRecord;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * QUALITY_STATISTICS records: one reporting authority's counts for one month, made and signed by
 * the node the authority reports to, sent up to every node above (aggregate, never down). The
 * subject and the authority are the reporting authority; QS_CONTENT holds the day and month
 * counts (not rates), so that a node above computes weeks, months and quarters exactly as the
 * node below does:
 * {@code {"days": [[category, "YYYY-MM-DD", onTime, late, rejected], …], "months": [[category, declared|null, decided], …]}}.
 */
public final class StatisticsRecords {
    public static final String CATEGORY = "QUALITY_STATISTICS";

    private StatisticsRecords() {
    }

    /** The counts of one authority and month as QS_CONTENT (deterministic: the same counts give the same text). */
    public static String content(ObjectMapper json, List<DayCount> days, List<MonthCount> months) {
        ObjectNode c = json.createObjectNode();
        ArrayNode d = c.putArray("days");
        for (DayCount x : days) d.addArray().add(x.category()).add(x.day().toString()).add(x.onTime()).add(x.late()).add(x.rejected());
        ArrayNode m = c.putArray("months");
        for (MonthCount x : months) {
            ArrayNode row = m.addArray().add(x.category());
            if (x.declared() == null) row.addNull(); else row.add(x.declared());
            row.add(x.decided());
        }
        return c.toString();
    }

    public static ObjectNode record(ObjectMapper json, String authority, String authorityName, YearMonth month, int lateAfter, String content,
                                    LocalDate today) {
        ObjectNode r = json.createObjectNode();
        r.put("category", CATEGORY);
        ObjectNode subject = r.putObject("subject");
        subject.put("kind", "ORG");
        subject.put("code", authority);
        subject.put("name", authorityName);
        r.set("authority", subject.deepCopy().without("kind"));
        r.put("decisionDate", today.toString());
        ObjectNode f = r.putObject("fields");
        f.put("QS_MONTH", month.toString());
        f.put("QS_LATE_AFTER", lateAfter);
        f.put("QS_CONTENT", content);
        return r;
    }

    /** A received statistics record as the counts it carries, attributed to its origin node. */
    public static Remote parse(StoredRecord stored, JsonNode rec, ObjectMapper json) throws java.io.IOException {
        String node = stored.origin();
        String authority = rec.path("authority").path("code").asText();
        JsonNode f = rec.path("fields");
        YearMonth month = YearMonth.parse(f.path("QS_MONTH").asText());
        JsonNode c = json.readTree(f.path("QS_CONTENT").asText());
        List<DayCount> days = new ArrayList<>();
        for (JsonNode d : c.path("days")) {
            days.add(new DayCount(node, authority, d.get(0).asText(), LocalDate.parse(d.get(1).asText()), d.get(2).asLong(), d.get(3).asLong(),
                    d.get(4).asLong()));
        }
        List<MonthCount> months = new ArrayList<>();
        for (JsonNode m : c.path("months")) {
            months.add(new MonthCount(node, authority, m.get(0).asText(), month, m.get(1).isNull() ? null : m.get(1).asLong(), m.get(2).asLong()));
        }
        return new Remote(node, authority, rec.path("authority").path("name").asText(null), month, stored.seq(), f.path("QS_LATE_AFTER").asInt(),
                stored.id(), days, months);
    }
}
