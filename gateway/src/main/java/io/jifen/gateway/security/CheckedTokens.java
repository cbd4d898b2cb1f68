package io.jifen.gateway.security;

import org.springframework.security.oauth2.jwt.Jwt;

/** Tokens that passed every check and have not expired since: what a caller may trust without checking again. */
public interface CheckedTokens {

    /** The token's claims if it passed the checks and is still unexpired, otherwise null (check it the full way). */
    Jwt checked(String token);
}
