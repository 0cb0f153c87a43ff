package org.creditnode.workflows.matching;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The measure list in effect on a day (S32: one classification at every level, distributed
 * downward): the newest list a parent published in a signed MEASURE_LIST record whose
 * appliesFrom has come, else this node's own configuration file. Measure lists change yearly, so
 * a list published for next year waits here until its day.
 */
public final class MeasureLists {
    /** A list published in a record: which record, its label and from when it applies. */
    public record Published(String recordId, String origin, String label, LocalDate appliesFrom, MeasureList list) {
    }

    private final MeasureList local;
    private final List<Published> published = new CopyOnWriteArrayList<>();

    public MeasureLists(MeasureList local) {
        this.local = local;
    }

    public MeasureList current(LocalDate today) {
        return inEffect(today).map(Published::list).orElse(local);
    }

    public java.util.Optional<Published> inEffect(LocalDate today) {
        return published.stream().filter(p -> !p.appliesFrom().isAfter(today))
                .max(Comparator.comparing(Published::appliesFrom).thenComparing(Published::recordId, MeasureLists::byNumber));
    }

    public void add(Published p) {
        if (published.stream().noneMatch(x -> x.recordId().equals(p.recordId()))) published.add(p);
    }

    public List<Published> published() {
        List<Published> out = new ArrayList<>(published);
        out.sort(Comparator.comparing(Published::appliesFrom));
        return out;
    }

    public MeasureList local() { return local; }

    /** Record ids of one origin compare by their sequence number (360000-9 before 360000-10). */
    private static int byNumber(String a, String b) {
        int da = a.lastIndexOf('-');
        int db = b.lastIndexOf('-');
        try {
            return Long.compare(Long.parseLong(a.substring(da + 1)), Long.parseLong(b.substring(db + 1)));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
