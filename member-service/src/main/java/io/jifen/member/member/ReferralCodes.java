package io.jifen.member.member;

import java.security.SecureRandom;

/**
 * Members' own referral codes: 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L), read aloud and typed
 * without mistakes; 31^8 ≈ 8.5e11 codes make a clash within a tenant negligible (the unique index still catches one).
 */
final class ReferralCodes {

    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferralCodes() {
    }

    static String next() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
