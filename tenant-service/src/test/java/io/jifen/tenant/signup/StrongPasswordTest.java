package io.jifen.tenant.signup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StrongPasswordTest {

    @Test
    void shouldAcceptALongPasswordWithLettersAndDigits() {
        assertThat(StrongPassword.Validator.isStrong("Correct-horse-42", "owner@shop.cn", "my-shop")).isTrue();
    }

    @Test
    void shouldRefuseShortOrSingleClassPasswords() {
        assertThat(StrongPassword.Validator.isStrong("Short-42", "owner@shop.cn", "my-shop")).isFalse();
        assertThat(StrongPassword.Validator.isStrong("onlyletters-here", "owner@shop.cn", "my-shop")).isFalse();
        assertThat(StrongPassword.Validator.isStrong("1234567890123", "owner@shop.cn", "my-shop")).isFalse();
        assertThat(StrongPassword.Validator.isStrong(null, "owner@shop.cn", "my-shop")).isFalse();
    }

    @Test
    void shouldRefuseAPasswordContainingTheEmailNameOrTheSlugInAnyCase() {
        assertThat(StrongPassword.Validator.isStrong("x-OWNER-12345", "owner@shop.cn", "my-shop")).isFalse();
        assertThat(StrongPassword.Validator.isStrong("x-My-Shop-12345", "owner@shop.cn", "my-shop")).isFalse();
    }

    @Test
    void shouldIgnoreEmailNamesTooShortToMatter() {
        assertThat(StrongPassword.Validator.isStrong("abcdefgh-1234", "a@shop.cn", "my-shop")).isTrue();
    }
}
