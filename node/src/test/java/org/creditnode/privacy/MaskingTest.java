package org.creditnode.privacy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MaskingTest {
    @Test
    void idNumbersKeepRegionAndLastFour() {
        assertEquals("360404********123X", Masking.maskIdNumber("36040419900101123X"));
    }

    @Test
    void namesKeepTheFamilyName() {
        assertEquals("张*", Masking.maskName("张三"));
        assertEquals("欧***", Masking.maskName("欧阳娜娜"));
    }

    @Test
    void idNumbersInsideATextAreMaskedButLongerCodesAreLeftAlone() {
        assertEquals("subject 360404********123X refused", Masking.maskIdNumbers("subject 36040419900101123X refused"));
        assertEquals("a1360404199001011234b", Masking.maskIdNumbers("a1360404199001011234b"), "part of a longer token");
        assertEquals("91360404MA35XXXX0Y", Masking.maskIdNumbers("91360404MA35XXXX0Y"), "a USCC with letters is not an ID number");
        assertEquals("authority 113604040000000194", Masking.maskIdNumbers("authority 113604040000000194"),
                "a state organ's all-digit USCC has no birth date and stays readable");
        assertEquals("360404********1234", Masking.maskIdNumbers("360404199001011234"), "a bad check character is still a person's");
    }
}
