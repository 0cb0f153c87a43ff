package org.creditnode.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextCheckTest {
    @Test
    void findsUnpairedSurrogatesControlCharactersAndNoncharacters() {
        assertEquals(-1, TextCheck.firstInvalid("九江市柴桑区 tab\there\nline\r\n"));
        assertEquals(-1, TextCheck.firstInvalid("𠀀 a pair: \ud840\udc00"));
        assertEquals(1, TextCheck.firstInvalid("a\ud800"));
        assertEquals(0, TextCheck.firstInvalid("\udc00a"));
        assertEquals(1, TextCheck.firstInvalid("a\ud800b"));
        assertEquals(2, TextCheck.firstInvalid("ab\u0000"));
        assertEquals(0, TextCheck.firstInvalid("\u001b[31m"));
        assertEquals(0, TextCheck.firstInvalid("\uffff"));
        assertEquals(0, TextCheck.firstInvalid("\ufdd0"));
    }

    @Test
    void aRecordWithUnstorableTextGetsOnlyInvalidTextErrorsWithTheirPaths() {
        ObjectNode r = SampleRecords.penalty();
        ((ObjectNode) r.get("subject")).put("name", "某某\ud800公司");
        ((ObjectNode) r.get("fields")).put("CF_WSH", "文号\u0000");
        List<FieldError> errors = SampleRecords.validator().validate(r);
        assertEquals(2, errors.size(), errors.toString());
        assertEquals("subject.name", errors.get(0).field());
        assertEquals("INVALID_TEXT", errors.get(0).code());
        assertTrue(errors.get(0).message().contains("U+D800"), errors.get(0).message());
        assertEquals("fields.CF_WSH", errors.get(1).field());
        assertTrue(errors.get(1).message().contains("U+0000"), errors.get(1).message());
        errors.forEach(e -> assertEquals(-1, TextCheck.firstInvalid(e.message()), "messages never echo the bad text"));
    }

    @Test
    void keysAndArrayElementsAreCheckedToo() {
        ObjectNode r = SampleRecords.penalty();
        ((ObjectNode) r.get("fields")).put("BAD\ud800KEY", "x");
        r.putArray("extra").add("ok").add("\udfff");
        List<FieldError> errors = SampleRecords.validator().validate(r);
        assertTrue(errors.stream().anyMatch(e -> e.field().equals("fields") && e.message().startsWith("a key")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.field().equals("extra[1]")), errors.toString());
    }

    @Test
    void validSamplesPass() {
        assertEquals(List.of(), SampleRecords.validator().validate(SampleRecords.penalty()));
    }
}
