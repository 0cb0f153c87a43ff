package org.creditnode.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaTypeSyntaxTest {
    @Test
    void acceptsWellFormedContentTypes() {
        for (String ok : new String[]{"application/json", "application/json; charset=utf-8", "application/json;charset=\"UTF-8\"",
                "application/json ; charset=utf-8 ; q=1", "application/vnd.credit+json", "text/plain; x=\"a\\\"b\"", "application/json;"}) {
            assertNull(MediaTypeSyntax.problem(ok), ok);
        }
    }

    @Test
    void namesWhatIsWrongWithMalformedOnes() {
        for (String bad : new String[]{"application/json; charset=\"", "", ";;;", "/json", "application/", "application",
                "application/json; charset", "application/json; =utf-8", "application/json; charset=", "application/json x"}) {
            assertNotNull(MediaTypeSyntax.problem(bad), bad);
        }
    }

    @Test
    void percentEncodingMustBeCompleteAndDecodeToUtf8() {
        assertTrue(RequestGuard.validPercentEncoding("/api/v1/records/360404-1"));
        assertTrue(RequestGuard.validPercentEncoding("q=%E4%B9%9D%E6%B1%9F&x=1"));
        assertFalse(RequestGuard.validPercentEncoding("x=%ZZ"));
        assertFalse(RequestGuard.validPercentEncoding("x=%"));
        assertFalse(RequestGuard.validPercentEncoding("x=%4"));
        assertFalse(RequestGuard.validPercentEncoding("x=%C3%28"));
        assertFalse(RequestGuard.validPercentEncoding("/%E0%80"));
    }
}
