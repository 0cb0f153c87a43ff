package org.creditnode.workflows.grade;

import java.util.Collection;

/**
 * A score's grade: the first band (best first) whose minimum it reaches, then lowered to the
 * worst cap the subject's counted records call for (一票否决).
 */
public final class GradeBands {
    private final GradeRules rules;

    public GradeBands(GradeRules rules) {
        this.rules = rules;
    }

    public GradeRules.Band of(double score, Collection<String> countedCategories) {
        int index = 0;
        while (index < rules.grades().size() - 1 && score < rules.grades().get(index).minScore()) index++;
        for (GradeRules.Cap cap : rules.caps()) {
            if (!countedCategories.contains(cap.category())) continue;
            index = Math.max(index, rules.grades().indexOf(rules.band(cap.atMost())));
        }
        return rules.grades().get(index);
    }

    /** The cap that lowered the grade, if one did: for the explanation. */
    public java.util.Optional<GradeRules.Cap> capFor(double score, Collection<String> countedCategories) {
        int byScore = rules.grades().indexOf(of(score, java.util.Set.of()));
        return rules.caps().stream().filter(c -> countedCategories.contains(c.category()))
                .filter(c -> rules.grades().indexOf(rules.band(c.atMost())) > byScore).findFirst();
    }
}
