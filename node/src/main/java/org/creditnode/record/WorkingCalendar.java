package org.creditnode.record;

import com.fasterxml.jackson.databind.JsonNode;
import org.creditnode.config.ConfigException;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Working days under the State Council's holiday notices (config/holidays.yaml): a date is a
 * working day when it is Monday-Friday and not an "off" day, or when it is a make-up working
 * day (调休上班). Years the file does not list fall back to Monday-Friday; {@link #covers} tells.
 */
public final class WorkingCalendar {

    private final Set<LocalDate> offDays;
    private final Set<LocalDate> makeUpDays;
    private final Set<Integer> years;

    public WorkingCalendar(Set<LocalDate> offDays, Set<LocalDate> makeUpDays, Set<Integer> years) {
        this.offDays = Set.copyOf(offDays);
        this.makeUpDays = Set.copyOf(makeUpDays);
        this.years = Collections.unmodifiableSet(new TreeSet<>(years));
    }

    public static WorkingCalendar load(Path file) {
        JsonNode root = YamlFiles.readTree(file);
        Set<LocalDate> off = new HashSet<>();
        Set<LocalDate> work = new HashSet<>();
        Set<Integer> years = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("years").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int year = e.getKey().length() == 4 ? IsoDates.digits(e.getKey(), 0, 4) : -1;
            if (year < 0) throw new ConfigException(file + ": year '" + e.getKey() + "' must be 4 digits");
            years.add(year);
            addDays(file, year, e.getValue().path("off"), off);
            addDays(file, year, e.getValue().path("workdays"), work);
        }
        for (LocalDate d : work) {
            if (off.contains(d)) throw new ConfigException(file + ": " + d + " is listed both as off and as a working day");
        }
        return new WorkingCalendar(off, work, years);
    }

    private static void addDays(Path file, int year, JsonNode list, Set<LocalDate> into) {
        for (JsonNode item : list) {
            String text = item.asText();
            int slash = text.indexOf('/');
            LocalDate from = IsoDates.parse(slash < 0 ? text : text.substring(0, slash));
            LocalDate to = slash < 0 ? from : IsoDates.parse(text.substring(slash + 1));
            if (from == null || to == null || to.isBefore(from)) {
                throw new ConfigException(file + ": '" + text + "' is neither YYYY-MM-DD nor a range YYYY-MM-DD/YYYY-MM-DD");
            }
            if (from.getYear() != year && to.getYear() != year) {
                throw new ConfigException(file + ": '" + text + "' is listed under year " + year);
            }
            for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) into.add(d);
        }
    }

    public boolean isWorkingDay(LocalDate date) {
        if (makeUpDays.contains(date)) return true;
        DayOfWeek dow = date.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !offDays.contains(date);
    }

    /**
     * The date {@code n} working days after {@code date} (before it when n is negative); the start
     * date itself is not counted, so a 7-working-day deadline from a decision is
     * {@code addWorkingDays(decision, 7)}. n = 0 returns {@code date}.
     */
    public LocalDate addWorkingDays(LocalDate date, int n) {
        int step = n >= 0 ? 1 : -1;
        LocalDate d = date;
        for (int left = Math.abs(n); left > 0; ) {
            d = d.plusDays(step);
            if (isWorkingDay(d)) left--;
        }
        return d;
    }

    /**
     * Working days d with {@code from < d <= to}: the inverse of {@link #addWorkingDays}
     * ({@code workingDaysBetween(x, addWorkingDays(x, n)) == n}, also for negative n, where the
     * count is minus the working days d with {@code to <= d < from}).
     */
    public long workingDaysBetween(LocalDate from, LocalDate to) {
        boolean backwards = to.isBefore(from);
        LocalDate lo = backwards ? to : from.plusDays(1);
        LocalDate hi = backwards ? from.minusDays(1) : to;
        long count = 0;
        for (LocalDate d = lo; !d.isAfter(hi); d = d.plusDays(1)) {
            if (isWorkingDay(d)) count++;
        }
        return backwards ? -count : count;
    }

    /** Whether the holiday notice for the date's year is loaded (otherwise only weekends count). */
    public boolean covers(LocalDate date) {
        return years.contains(date.getYear());
    }

    public Set<Integer> years() {
        return years;
    }
}
