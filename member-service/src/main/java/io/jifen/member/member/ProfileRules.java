package io.jifen.member.member;

/** Shapes of profile values, shared by registration and patch. */
final class ProfileRules {

    /** Digits, optionally after '+': no spaces or dashes, so one phone has one spelling and uniqueness means something. */
    static final String PHONE = "\\+?[0-9]{5,20}";
    /** Safe in a URL path segment (the by-external-id lookup). */
    static final String EXTERNAL_ID = "[A-Za-z0-9._:@-]{1,64}";
    static final String GENDER = "male|female|other|unknown";
    static final String TAG = "[\\p{L}\\p{N}_ -]{1,32}";

    private ProfileRules() {
    }
}
