package io.jifen.member.card;

/** The Luhn (mod 10) check digit, so a mistyped card number is caught at the till before any lookup. */
final class Luhn {

    private Luhn() {
    }

    /** The digit to append to {@code digits}. */
    static int checkDigit(String digits) {
        int sum = 0;
        boolean dbl = true; // the rightmost payload digit is doubled once the check digit is appended
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("Not a digit string: " + digits);
            }
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }

    static boolean isValid(String number) {
        return number.length() > 1 && number.chars().allMatch(Character::isDigit)
                && checkDigit(number.substring(0, number.length() - 1)) == number.charAt(number.length() - 1) - '0';
    }
}
