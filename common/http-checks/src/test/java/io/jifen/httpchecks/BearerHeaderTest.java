package io.jifen.httpchecks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BearerHeaderTest {

    /** What Spring Security's bearer token resolvers match (their documented form of the header). */
    private static final Pattern SPRING = Pattern.compile("^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$",
            Pattern.CASE_INSENSITIVE);

    private static final List<String> PIECES = List.of("Bearer ", "bearer ", "BEARER ", "BeArEr ", "Bearer", "Basic ",
            " ", "  ", "\t", "\n", "a", "Z", "0", "9", "-", ".", "_", "~", "+", "/", "=", "==", "eyJhbGciOi", "é",
            "积", "\u212a", "\u0131", ",", ":", "%", "\"", "Bearer\u00a0");

    @Test
    void shouldFindTheSameTokenAsSpringsExpressionOnSeededHeaders() {
        Random random = new Random(20261206L);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder header = new StringBuilder(random.nextInt(4) == 0 ? "" : "Bearer ");
            int pieces = random.nextInt(8);
            for (int p = 0; p < pieces; p++) {
                header.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            assertSameAsSpring(header.toString());
        }
    }

    @Test
    void shouldJudgeEveryCharacterInATokenAsSpringsExpression() {
        for (char c = 0; c < 0x3000; c++) {
            assertSameAsSpring("Bearer a" + c + "b");
            assertSameAsSpring("Bearer " + c);
        }
    }

    @Test
    void shouldAcceptAJwtAndPaddedTokensAndRefuseTheRest() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_";
        assertThat(BearerHeader.token("Bearer " + jwt)).isEqualTo(jwt);
        assertThat(BearerHeader.token("bEARER abc==")).isEqualTo("abc==");
        assertThat(BearerHeader.token("Bearer ==")).isNull();
        assertThat(BearerHeader.token("Bearer abc=d")).isNull();
        assertThat(BearerHeader.token("Bearer  abc")).isNull();
        assertThat(BearerHeader.token("Bearer abc\n")).isNull();
        assertThat(BearerHeader.token("Bearer ")).isNull();
        assertThat(BearerHeader.token("Basic abc")).isNull();
        assertThat(BearerHeader.token(null)).isNull();
        for (String header : List.of("Bearer " + jwt, "bEARER abc==", "Bearer ==", "Bearer abc=d", "Bearer abc\n",
                "Bearer \u212aey", "Bearer \u0131")) {
            assertSameAsSpring(header);
        }
    }

    @Test
    void shouldLeaveRequestsThatMayCarryAParameterTokenToSpring() {
        String header = "Bearer abc.def";
        assertThat(BearerHeader.onlyToken(header, null, null)).isEqualTo("abc.def");
        assertThat(BearerHeader.onlyToken(header, null, "application/json")).isEqualTo("abc.def");
        assertThat(BearerHeader.onlyToken(header, "page=2", null)).isNull();
        assertThat(BearerHeader.onlyToken(header, "", null)).isNull();
        assertThat(BearerHeader.onlyToken(header, null, "application/x-www-form-urlencoded")).isNull();
        assertThat(BearerHeader.onlyToken(header, null, "Application/X-WWW-Form-Urlencoded; charset=UTF-8")).isNull();
        assertThat(BearerHeader.onlyToken("Bearer a b", null, null)).isNull();
    }

    private static void assertSameAsSpring(String header) {
        Matcher matcher = SPRING.matcher(header);
        String expected = matcher.matches() ? matcher.group("token") : null;
        assertThat(BearerHeader.token(header)).as("[%s]", header).isEqualTo(expected);
    }
}
