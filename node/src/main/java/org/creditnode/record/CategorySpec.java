package org.creditnode.record;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One category of the credit information catalogue (catalog.yaml {@code categories:}).
 *
 * @param id                the category key, e.g. ADMIN_PENALTY (filled in from the map key)
 * @param name              Chinese name, e.g. 行政处罚
 * @param decisionDateLabel what the envelope's decisionDate means here, e.g. 处罚决定日期
 * @param severity          whether records carry MINOR / MAJOR / SERIOUS
 * @param aggregate         goes upward to the parent (归集)
 * @param distribute        goes downward to the children (下发)
 * @param publicity         publicity period, null when the category has none
 * @param subjectKinds      who records of this category may be about
 * @param fields            the category's items beyond the envelope, in catalogue order
 * @param dateOrder         date fields that must be in order
 * @param notBeforeDecision date fields that may not precede the decision date
 * @param envelopeItems     national identifiers the envelope carries instead (CF_XDR_MC ->
 *                          subject.name): named in the message when one is sent in "fields"
 * @param review            records wait for a reviewer of the same authority before they are
 *                          signed and stored (JS15 九(一) 数据管理员和审核员制度)
 * @param published         false: never in the public view (workflow records such as joint
 *                          actions); default true
 */
public record CategorySpec(String id,
                           String name,
                           @JsonProperty("decisionDate") String decisionDateLabel,
                           SeverityUse severity,
                           Boolean aggregate,
                           Boolean distribute,
                           PublicitySpec publicity,
                           Set<SubjectKind> subjectKinds,
                           @JsonDeserialize(as = LinkedHashMap.class) Map<String, FieldSpec> fields,
                           List<DatePair> dateOrder,
                           List<String> notBeforeDecision,
                           @JsonDeserialize(as = LinkedHashMap.class) Map<String, String> envelopeItems,
                           Boolean review,
                           Boolean published) {

    public CategorySpec {
        severity = severity == null ? SeverityUse.NONE : severity;
        subjectKinds = subjectKinds == null || subjectKinds.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.allOf(SubjectKind.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(subjectKinds));
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        dateOrder = dateOrder == null ? List.of() : List.copyOf(dateOrder);
        notBeforeDecision = notBeforeDecision == null ? List.of() : List.copyOf(notBeforeDecision);
        envelopeItems = envelopeItems == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(envelopeItems));
    }

    CategorySpec withId(String newId) {
        return new CategorySpec(newId, name, decisionDateLabel, severity, aggregate, distribute, publicity,
                subjectKinds, fields, dateOrder, notBeforeDecision, envelopeItems, review, published);
    }

    public boolean isPublished() {
        return !Boolean.FALSE.equals(published);
    }

    public boolean needsReview() {
        return Boolean.TRUE.equals(review);
    }

    public boolean isAggregated() {
        return Boolean.TRUE.equals(aggregate);
    }

    public boolean isDistributed() {
        return Boolean.TRUE.equals(distribute);
    }
}
