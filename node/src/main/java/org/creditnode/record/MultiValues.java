package org.creditnode.record;

/** Items of a multi-valued enum text such as {@code 警告;罚款}, read without regex or splitting into arrays. */
final class MultiValues {

    private MultiValues() {
    }

    /** Whether one item, trimmed, equals {@code wanted}. */
    static boolean containsItem(String text, String separator, String wanted) {
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf(separator, start);
            if (end < 0) end = text.length();
            if (text.substring(start, end).trim().equals(wanted)) return true;
            start = end + separator.length();
        }
        return false;
    }
}
