package org.creditnode.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordValidatorTest {

    private final RecordValidator validator = SampleRecords.validator();

    private static ObjectNode fields(ObjectNode record) {
        return (ObjectNode) record.get("fields");
    }

    private static ObjectNode subject(ObjectNode record) {
        return (ObjectNode) record.get("subject");
    }

    /** Asserts exactly one error, with this field and code; returns its message. */
    private String single(JsonNode record, String field, String code) {
        List<FieldError> errors = validator.validate(record);
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(field, errors.get(0).field(), errors.toString());
        assertEquals(code, errors.get(0).code(), errors.toString());
        return errors.get(0).message();
    }

    @Test
    void everySampleIsValid() {
        for (ObjectNode r : List.of(SampleRecords.penalty(), SampleRecords.penaltyAgainstPerson(), SampleRecords.licence(),
                SampleRecords.redList(), SampleRecords.seriousDishonesty(), SampleRecords.commitment())) {
            assertEquals(List.of(), validator.validate(r), SampleRecords.json(r));
        }
    }

    @Test
    void samplesSurviveAJsonRoundTrip() throws Exception {
        JsonNode parsed = SampleRecords.JSON.readTree(SampleRecords.json(SampleRecords.penalty()));
        assertEquals(List.of(), validator.validate(parsed));
    }

    @Test
    void recordMustBeAnObject() {
        assertEquals(List.of(new FieldError("record", "TYPE", "a record must be a JSON object, got an array")),
                validator.validate(SampleRecords.JSON.createArrayNode()));
        assertEquals("TYPE", validator.validate(null).get(0).code());
    }

    @Test
    void unknownCategory() {
        ObjectNode r = SampleRecords.penalty();
        r.put("category", "ADMIN_FINE");
        String m = single(r, "category", "UNKNOWN_CATEGORY");
        assertTrue(m.contains("ADMIN_PENALTY"), m);
    }

    @Test
    void typeErrorsArePreciseAndNamed() {
        ObjectNode r = SampleRecords.penalty();
        fields(r).put("CF_NR_FK", "2.0");
        assertTrue(single(r, "fields.CF_NR_FK", "TYPE").contains("send amounts unquoted"));
        r = SampleRecords.penalty();
        fields(r).put("CF_WSH", 17);
        assertEquals("expected a string, got a number", single(r, "fields.CF_WSH", "TYPE"));
        r = SampleRecords.penalty();
        r.put("subject", "九江示例");
        single(r, "subject", "TYPE");
        r = SampleRecords.penalty();
        r.putArray("fields");
        single(r, "fields", "TYPE");
    }

    @Test
    void requiredFields() {
        ObjectNode r = SampleRecords.penalty();
        fields(r).remove("CF_WSH");
        assertEquals("CF_WSH (行政处罚决定书文号) is required", single(r, "fields.CF_WSH", "REQUIRED"));
        r = SampleRecords.penalty();
        fields(r).put("CF_WSH", "  ");
        single(r, "fields.CF_WSH", "REQUIRED");
        r = SampleRecords.penalty();
        ((ObjectNode) r.get("authority")).remove("name");
        single(r, "authority.name", "REQUIRED");
        r = SampleRecords.penalty();
        r.putNull("decisionDate");
        single(r, "decisionDate", "REQUIRED");
    }

    @Test
    void requiredWhenAnotherFieldSaysSo() {
        ObjectNode r = SampleRecords.penalty();
        fields(r).remove("CF_NR_FK");
        assertEquals("CF_NR_FK (罚款金额（万元）) is required when CF_CFLB contains 罚款", single(r, "fields.CF_NR_FK", "REQUIRED"));
        fields(r).put("CF_CFLB", "警告");
        assertEquals(List.of(), validator.validate(r), "a warning needs no amount");
        fields(r).put("CF_CFLB", "警告;没收非法财物");
        single(r, "fields.CF_NR_WFFF", "REQUIRED");
        fields(r).put("CF_CFLB", "吊销许可证件");
        single(r, "fields.CF_NR_ZKDX", "REQUIRED");
    }

    @Test
    void requiredWhenAnEnvelopeValueSaysSo() {
        ObjectNode r = SampleRecords.seriousDishonesty();
        fields(r).remove("LIST_FRDB");
        single(r, "fields.LIST_FRDB", "REQUIRED");
        subject(r).put("kind", "PERSON");
        subject(r).put("code", SampleRecords.validIdNumber(5));
        assertEquals(List.of(), validator.validate(r), "a person has no legal representative");
    }

    @Test
    void lengthsCountCharacters() {
        ObjectNode r = SampleRecords.penalty();
        fields(r).put("CF_WSH", "文".repeat(128));
        assertEquals(List.of(), validator.validate(r), "128 Chinese characters fit although they are 384 UTF-8 bytes");
        fields(r).put("CF_WSH", "文".repeat(129));
        assertEquals("at most 128 characters, got 129", single(r, "fields.CF_WSH", "LENGTH"));
        r = SampleRecords.penalty();
        subject(r).put("name", "名".repeat(201));
        single(r, "subject.name", "LENGTH");
        r = SampleRecords.penalty();
        subject(r).put("name", "😀".repeat(200));
        assertEquals(List.of(), validator.validate(r), "surrogate pairs count once");
    }

    @Test
    void enumerations() {
        ObjectNode r = SampleRecords.penalty();
        fields(r).put("CF_CFLB", "警告;罚金");
        assertTrue(single(r, "fields.CF_CFLB", "ENUM").startsWith("unknown item '罚金'"));
        fields(r).put("CF_CFLB", "警告;;罚款");
        assertTrue(single(r, "fields.CF_CFLB", "ENUM").startsWith("empty item"));
        fields(r).put("CF_CFLB", "警告 ; 罚款");
        assertEquals(List.of(), validator.validate(r), "spaces around items are tolerated");
        r = SampleRecords.penalty();
        subject(r).put("kind", "COMPANY");
        assertEquals("expected ORG or PERSON, got 'COMPANY'", single(r, "subject.kind", "ENUM"));
        r = SampleRecords.penalty();
        r.put("severity", "LOW");
        assertEquals("expected one of [MINOR, MAJOR, SERIOUS, SLIGHT, GENERAL], got 'LOW'", single(r, "severity", "ENUM"));
        r = SampleRecords.licence();
        fields(r).put("XK_XKLB", "许可");
        single(r, "fields.XK_XKLB", "ENUM");
    }

    @Test
    void severityRules() {
        ObjectNode r = SampleRecords.penalty();
        r.remove("severity");
        assertEquals(List.of(), validator.validate(r), "optional for penalties");
        r = SampleRecords.redList();
        r.put("severity", "SERIOUS");
        single(r, "severity", "UNKNOWN_FIELD");
    }

    @Test
    void dateFormats() {
        ObjectNode r = SampleRecords.penalty();
        r.put("decisionDate", "2026/11/10");
        assertEquals("expected a date YYYY-MM-DD, got '2026/11/10'", single(r, "decisionDate", "FORMAT"));
        r = SampleRecords.penalty();
        fields(r).put("CF_YXQ", "2027-02-29");
        single(r, "fields.CF_YXQ", "FORMAT");
        fields(r).put("CF_YXQ", "360404199001010017");
        assertEquals("expected a date YYYY-MM-DD, got '360404********0017'", single(r, "fields.CF_YXQ", "FORMAT"),
                "an ID number in the wrong place is masked");
    }

    @Test
    void decisionDateInTheFutureOfShanghai() {
        ObjectNode r = SampleRecords.penalty();
        r.put("decisionDate", "2026-11-21");
        assertEquals("decision date 2026-11-21 is after today (2026-11-20, Asia/Shanghai)", single(r, "decisionDate", "DATE_FUTURE"));
        // 2026-11-19 17:00 UTC is already 2026-11-20 in Shanghai
        RecordValidator lateEvening = new RecordValidator(SampleRecords.catalogue(), SampleRecords.regions(),
                Clock.fixed(Instant.parse("2026-11-19T17:00:00Z"), ZoneOffset.UTC));
        r.put("decisionDate", "2026-11-20");
        fields(r).put("CF_YXQ", "2027-11-20");
        assertEquals(List.of(), lateEvening.validate(r));
    }

    @Test
    void amountsRange() {
        ObjectNode r = SampleRecords.penalty();
        fields(r).put("CF_NR_FK", -1);
        assertEquals("must be at least 0, got -1", single(r, "fields.CF_NR_FK", "RANGE"));
        fields(r).put("CF_NR_FK", 1.1234567);
        assertTrue(single(r, "fields.CF_NR_FK", "RANGE").startsWith("at most 6 digits after the decimal point"));
        fields(r).put("CF_NR_FK", 1.123456);
        assertEquals(List.of(), validator.validate(r));
        fields(r).put("CF_NR_FK", new java.math.BigDecimal("1822800.000000"));
        assertEquals(List.of(), validator.validate(r), "trailing zeros are no extra precision");
    }

    @Test
    void personWithFutureBirthDate() {
        ObjectNode r = SampleRecords.penaltyAgainstPerson();
        subject(r).put("code", SampleRecords.validIdNumber("360404", LocalDate.of(2027, 1, 1), 3));
        single(r, "subject.code", "DATE");
    }

    @Test
    void dateOrderAndDecisionDate() {
        ObjectNode r = SampleRecords.licence();
        fields(r).put("XK_YXQZ", "2031-12-01");
        assertEquals("XK_YXQZI (2031-11-09) must not be before XK_YXQZ (2031-12-01)", single(r, "fields.XK_YXQZI", "DATE_ORDER"));
        r = SampleRecords.penalty();
        fields(r).put("CF_YXQ", "2026-11-09");
        assertEquals("CF_YXQ (2026-11-09) must not be before decisionDate (2026-11-10)", single(r, "fields.CF_YXQ", "DATE_ORDER"));
    }

    @Test
    void codeChecksOnEnvelopeAndFields() {
        ObjectNode r = SampleRecords.penalty();
        String code = subject(r).get("code").asText();
        char wrong = code.charAt(17) == '0' ? '1' : '0';
        subject(r).put("code", code.substring(0, 17) + wrong);
        assertEquals("check character (position 18) should be " + code.charAt(17) + ", got " + wrong,
                single(r, "subject.code", "CHECKSUM"));

        r = SampleRecords.penalty();
        String auth = SampleRecords.authorityUscc("360404", 1);
        String first17 = auth.substring(0, 16) + (auth.charAt(16) == '0' ? '1' : '0');
        ((ObjectNode) r.get("authority")).put("code", first17 + UnifiedSocialCreditCode.checkCharFor(first17));
        single(r, "authority.code", "ORG_CODE_CHECKSUM");

        r = SampleRecords.penalty();
        fields(r).put("CF_SJLYDM", SampleRecords.authorityUscc("990101", 2));
        single(r, "fields.CF_SJLYDM", "REGION");
    }

    @Test
    void certificateNumberIsAnIdNumberOnlyForIdCards() {
        ObjectNode r = SampleRecords.penalty();
        String id = SampleRecords.validIdNumber(8);
        String bad = id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1');
        fields(r).put("CF_FR_ZJLX", "身份证");
        fields(r).put("CF_FR_ZJHM", bad);
        String m = single(r, "fields.CF_FR_ZJHM", "CHECKSUM");
        assertFalse(m.contains(bad.substring(0, 17)), m);
        fields(r).put("CF_FR_ZJLX", "护照号");
        fields(r).put("CF_FR_ZJHM", "E12345678");
        assertEquals(List.of(), validator.validate(r));
        fields(r).remove("CF_FR_ZJHM");
        single(r, "fields.CF_FR_ZJHM", "REQUIRED");
    }

    @Test
    void unknownFields() {
        ObjectNode r = SampleRecords.penalty();
        fields(r).put("CF_XDR_MC", "九江示例建材有限公司");
        assertEquals("CF_XDR_MC is carried by the envelope as subject.name; leave it out of fields",
                single(r, "fields.CF_XDR_MC", "UNKNOWN_FIELD"));
        r = SampleRecords.penalty();
        fields(r).put("CF_WSHH", "x");
        assertEquals("CF_WSHH is not a field of ADMIN_PENALTY (check the spelling against the catalogue)",
                single(r, "fields.CF_WSHH", "UNKNOWN_FIELD"));
        r = SampleRecords.penalty();
        r.put("id", "360404-1");
        single(r, "id", "UNKNOWN_FIELD");
        r = SampleRecords.penalty();
        subject(r).put("address", "九江");
        single(r, "subject.address", "UNKNOWN_FIELD");
    }

    @Test
    void severalProblemsAreAllListed() {
        ObjectNode r = SampleRecords.penaltyAgainstPerson();
        String id = subject(r).get("code").asText();
        subject(r).put("code", id.substring(0, 17) + (id.charAt(17) == '1' ? '2' : '1'));
        ((ObjectNode) r.get("authority")).remove("name");
        r.put("decisionDate", "2026-11-31");
        r.put("severity", "minor");
        fields(r).remove("CF_SY");
        fields(r).put("CF_NR_FK", "20000");
        fields(r).put("CF_YXQ", "长期");
        fields(r).put("CF_TYPO", "x");
        List<FieldError> errors = validator.validate(r);
        Set<String> got = errors.stream().map(e -> e.field() + ":" + e.code()).collect(Collectors.toSet());
        assertEquals(Set.of("subject.code:CHECKSUM", "authority.name:REQUIRED", "decisionDate:FORMAT", "severity:ENUM",
                "fields.CF_SY:REQUIRED", "fields.CF_NR_FK:TYPE", "fields.CF_YXQ:FORMAT", "fields.CF_TYPO:UNKNOWN_FIELD"), got);
        for (FieldError e : errors) assertFalse(e.message().contains(id.substring(0, 17)), "ID number echoed: " + e);
    }

    @Test
    void configurableRules(@TempDir Path dir) throws Exception {
        Catalogue c = CatalogueTest.load(dir, """
                unknownFields: ignore
                severities: {MINOR: 一般}
                categories:
                  EVALUATION:
                    name: 公共信用综合评价
                    aggregate: true
                    distribute: false
                    subjectKinds: [ORG]
                    fields:
                      EV_REGION: {label: 评价地区, type: region, required: true}
                    envelopeItems: {EV_MC: subject.name}
                """);
        RecordValidator v = new RecordValidator(c, SampleRecords.regions(), SampleRecords.CLOCK);
        ObjectNode r = SampleRecords.commitment();
        r.put("category", "EVALUATION");
        r.putObject("fields").put("EV_REGION", "360404").put("ANYTHING", 1);
        r.put("extra", true);
        assertEquals(List.of(), v.validate(r), "unknown fields ignored");
        ((ObjectNode) r.get("fields")).put("EV_REGION", "360421");
        assertEquals("REGION", v.validate(r).get(0).code(), "county code expired before the decision");
        ((ObjectNode) r.get("fields")).put("EV_REGION", "360404");
        subject(r).put("kind", "PERSON").put("code", SampleRecords.validIdNumber(1));
        List<FieldError> errors = v.validate(r);
        assertEquals(List.of(new FieldError("subject.kind", "ENUM", "category EVALUATION takes subjects of kind [ORG], got PERSON")), errors);
    }

    @Test
    void envelopeItemsSentAsFieldsAreExplained(@TempDir Path dir) throws Exception {
        Catalogue c = CatalogueTest.load(dir, """
                severities: {MINOR: 一般}
                categories:
                  X:
                    name: x
                    aggregate: true
                    distribute: false
                    envelopeItems: {X_MC: subject.name}
                """);
        RecordValidator v = new RecordValidator(c, SampleRecords.regions(), SampleRecords.CLOCK);
        ObjectNode r = SampleRecords.commitment();
        r.put("category", "X");
        r.putObject("fields").put("X_MC", "名");
        assertEquals(List.of(new FieldError("fields.X_MC", "UNKNOWN_FIELD",
                "X_MC is carried by the envelope as subject.name; leave it out of fields")), v.validate(r));
    }
}
