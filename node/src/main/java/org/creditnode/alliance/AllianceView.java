package org.creditnode.alliance;

import org.creditnode.store.ListEntries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The operator view of the alliances: rules in force, partners, link state, queries both ways and
 * refusals, and the partner's list entries held here, recognised (counted in matching) or not.
 */
public final class AllianceView {
    private static final Logger LOG = LoggerFactory.getLogger(AllianceView.class);
    private final Alliances alliances;
    private final AllianceActivity activity;
    private final Function<String, Map<String, Object>> linkActivity;
    private final ListEntries entries;
    private final Recognition recognition;
    private final Clock clock;

    /**
     * @param linkActivity a partner's link if it is also a configured peer ({@code state},
     *                     {@code recordsLastSent}, {@code recordsLastReceived}), else null
     */
    public AllianceView(Alliances alliances, AllianceActivity activity, Function<String, Map<String, Object>> linkActivity, ListEntries entries,
                        Recognition recognition, Clock clock) {
        this.alliances = alliances;
        this.activity = activity;
        this.linkActivity = linkActivity;
        this.entries = entries;
        this.recognition = recognition;
        this.clock = clock;
    }

    public Map<String, Object> render() {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
        List<Map<String, Object>> list = new ArrayList<>();
        for (Alliance a : alliances.all()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", a.id());
            m.put("name", a.name());
            m.put("policy", a.policy());
            m.put("inForce", a.inForce(today));
            m.put("from", a.from().toString());
            if (a.until() != null) m.put("until", a.until().toString());
            m.put("file", a.file().toString());
            m.put("purposes", new TreeSet<>(a.purposes()));
            m.put("shared", new TreeSet<>(a.shared()));
            m.put("withheldCategories", new TreeSet<>(a.withheldCategories()));
            m.put("withholdPersonalData", a.withholdPersonal());
            m.put("ratePerSecond", a.ratePerSecond());
            m.put("recognise", a.recognise().keySet());
            List<Map<String, Object>> partners = new ArrayList<>();
            for (Alliance.Member member : a.members().values()) {
                if (member.id().equals(alliances.self())) continue;
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("id", member.id());
                p.put("name", member.name());
                p.put("url", member.url());
                p.put("trust", a.anchors().containsKey(member.id()) ? "alliance anchor" : "national root");
                Map<String, Object> link = linkActivity.apply(member.id());
                p.put("link", link == null ? "none (queries only)" : link.get("state"));
                p.putAll(activity.view(a.id(), member.id()));
                if (link != null) {
                    p.put("recordsLastSent", link.get("recordsLastSent"));
                    p.put("recordsLastReceived", link.get("recordsLastReceived"));
                    p.put("lastExchange", latest(p.get("lastExchange"), link.get("recordsLastSent"), link.get("recordsLastReceived")));
                }
                entriesOf(member.id(), today, p);
                partners.add(p);
            }
            m.put("partners", partners);
            list.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", alliances.self());
        out.put("alliances", list);
        out.put("refusedOutsideAlliances", activity.outsiders());
        out.put("recognitionSwitchedOff", recognition.switchedOffList());
        return out;
    }

    /** The latest of ISO-8601 instants (nulls skipped), as text; null if none. */
    private static String latest(Object... instants) {
        String out = null;
        for (Object o : instants) {
            if (o == null) continue;
            String t = o.toString();
            if (out == null || java.time.Instant.parse(t).isAfter(java.time.Instant.parse(out))) out = t;
        }
        return out;
    }

    /** The partner's entries in force here (ACTIVE) per category: recognised, or held but not counted (and why). */
    private void entriesOf(String partner, LocalDate today, Map<String, Object> p) {
        Map<String, Long> recognised = new TreeMap<>();
        Map<String, String> notRecognised = new TreeMap<>();
        try {
            for (Map.Entry<String, Map<String, Long>> c : entries.heldFrom(partner).entrySet()) {
                long active = c.getValue().getOrDefault("ACTIVE", 0L);
                if (active == 0) continue;
                Recognition.Verdict v = recognition.of(partner, c.getKey(), today);
                if (v.recognised()) recognised.put(c.getKey(), active); else notRecognised.put(c.getKey(), active + ": " + v.rule());
            }
        } catch (SQLException e) {
            LOG.warn("alliance view: entries of {} not counted: {}", partner, e.getMessage());
            p.put("entriesError", "the store did not answer: " + e.getMessage());
        }
        p.put("recognisedEntries", recognised);
        p.put("heldNotRecognised", notRecognised);
    }
}
