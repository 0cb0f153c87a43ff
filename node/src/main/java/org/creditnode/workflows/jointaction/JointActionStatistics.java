package org.creditnode.workflows.jointaction;

import org.creditnode.workflows.CsvRows;
import org.creditnode.store.JointActions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * 跟踪、监测、统计 (JXJ16 (22)): per department and per measure, how many actions named them,
 * were answered and applied, and the list of departments that did not respond or apply. Pure:
 * computed from the actions and their states on a given day.
 */
public final class JointActionStatistics {
    private JointActionStatistics() {
    }

    /** One implementing department (an authority that answered, or an assignment nobody answered). */
    public record Department(String department, String name, int assigned, int responded, int accepted, int notApplicable,
                             int responsesOverdue, int measuresApplied, int measuresNotApplied, int feedbackOverdue) {
    }

    public record Measure(String measure, String name, int named, int applied, int notApplied, int awaiting) {
    }

    /** What is missing: NO_RESPONSE (an assignment) or NO_FEEDBACK (a measure an implementer accepted). */
    public record Missing(String actionId, String department, String what, String measure, String due, boolean overdue) {
    }

    public record Figures(String asOf, int actions, int open, List<Department> departments, List<Measure> measures, List<Missing> missing) {
    }

    public static Figures of(List<JointActions.Tracked> tracked, Map<String, JointActionRules.State> states,
                             Function<String, String> measureName, int feedbackDays, LocalDate today) {
        Map<String, int[]> dept = new TreeMap<>();
        Map<String, String> names = new TreeMap<>();
        Map<String, int[]> measure = new TreeMap<>();
        List<Missing> missing = new ArrayList<>();
        int open = 0;
        for (JointActions.Tracked t : tracked) {
            JointActions.Action a = t.action();
            boolean isOpen = states.getOrDefault(a.id(), JointActionRules.State.OPEN) == JointActionRules.State.OPEN;
            if (isOpen) open++;
            for (String m : a.measures()) measure.computeIfAbsent(m, k -> new int[4])[0]++;
            for (String assignment : a.assignments()) {
                List<JointActions.Response> answers = t.responses().stream().filter(r -> r.fulfils().contains(assignment)).toList();
                if (answers.isEmpty()) {
                    int[] d = dept.computeIfAbsent(assignment, k -> new int[9]);
                    d[0]++;
                    boolean overdue = isOpen && JointActionRules.responseOverdue(false, a.respondBy(), today);
                    if (overdue) d[4]++;
                    if (isOpen) missing.add(new Missing(a.id(), assignment, "NO_RESPONSE", null, a.respondBy().toString(), overdue));
                }
            }
            for (JointActions.Response r : t.responses()) {
                names.put(r.implementer(), r.implementerName());
                int[] d = dept.computeIfAbsent(r.implementer(), k -> new int[9]);
                d[0]++;
                d[1]++;
                if (r.decision().equals("ACCEPTED")) d[2]++; else d[3]++;
                if (!r.decision().equals("ACCEPTED")) continue;
                for (String m : a.measures()) {
                    JointActions.Feedback f = t.feedback().stream().filter(x -> x.implementer().equals(r.implementer()) && x.measure().equals(m))
                            .findFirst().orElse(null);
                    int[] ms = measure.computeIfAbsent(m, k -> new int[4]);
                    if (f == null) {
                        ms[3]++;
                        boolean overdue = isOpen && JointActionRules.feedbackOverdue(false, r.respondedOn(), feedbackDays, today);
                        if (overdue) d[7]++;
                        if (isOpen) missing.add(new Missing(a.id(), r.implementer(), "NO_FEEDBACK", m,
                                r.respondedOn().plusDays(feedbackDays).toString(), overdue));
                    } else if (f.applied().equals("APPLIED")) {
                        d[5]++;
                        ms[1]++;
                    } else {
                        d[6]++;
                        ms[2]++;
                    }
                }
            }
        }
        List<Department> departments = new ArrayList<>();
        dept.forEach((k, d) -> departments.add(new Department(k, names.getOrDefault(k, k.contains(":") ? Assignments.label(k) : null),
                d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7])));
        List<Measure> measures = new ArrayList<>();
        measure.forEach((k, m) -> measures.add(new Measure(k, measureName.apply(k), m[0], m[1], m[2], m[3])));
        return new Figures(today.toString(), tracked.size(), open, departments, measures, missing);
    }

    /** The tables a CSV download offers. */
    public enum Table { DEPARTMENTS, MEASURES, MISSING }

    /**
     * One table of the figures as CSV, headed in Chinese for the people who open it (UTF-8 with a
     * byte-order mark, so that spreadsheet programs show the Chinese).
     */
    public static String csv(Figures f, Table table) {
        StringBuilder b = new StringBuilder(CsvRows.BOM);
        switch (table) {
            case DEPARTMENTS -> {
                b.append("实施部门,名称,指定次数,已响应,接受,不适用,响应逾期,已实施措施,未实施措施,反馈逾期\n");
                for (Department d : f.departments()) {
                    CsvRows.row(b, d.department(), d.name(), d.assigned(), d.responded(), d.accepted(), d.notApplicable(), d.responsesOverdue(),
                            d.measuresApplied(), d.measuresNotApplied(), d.feedbackOverdue());
                }
            }
            case MEASURES -> {
                b.append("措施编号,措施名称,被指定次数,已实施,未实施,待反馈\n");
                for (Measure m : f.measures()) CsvRows.row(b, m.measure(), m.name(), m.named(), m.applied(), m.notApplied(), m.awaiting());
            }
            case MISSING -> {
                b.append("联合奖惩行动,实施部门,缺少,措施编号,期限,是否逾期\n");
                for (Missing m : f.missing()) {
                    CsvRows.row(b, m.actionId(), m.department(), m.what().equals("NO_RESPONSE") ? "未响应" : "未反馈", m.measure(), m.due(),
                            m.overdue() ? "逾期" : "未到期");
                }
            }
        }
        return b.toString();
    }

}
