package io.jifen.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

/** Tokens an attacker could make from a real one: unsigned, edited, or signed with a key of their own. */
final class ForgedTokens {

    private ForgedTokens() {
    }

    /** The real token's claims with {@code alg: none} and no signature. */
    static String unsigned(String real) {
        String header = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + real.split("\\.")[1] + ".";
    }

    /** The real token with one claim changed and its original signature kept. */
    static String tampered(String real, String claim, String value) {
        String[] parts = real.split("\\.");
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder(JWTClaimsSet.parse(decode(parts[1])))
                    .claim(claim, value).build();
            return parts[0] + "." + encode(claims.toString()) + "." + parts[2];
        } catch (ParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The real token's header (same {@code kid}) and claims, signed with a fresh RSA key nobody published. */
    static String signedWithUnknownKey(String real) {
        try {
            SignedJWT parsed = SignedJWT.parse(real);
            RSAKey key = new RSAKeyGenerator(2048).keyID(parsed.getHeader().getKeyID()).generate();
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(key.getKeyID()).build(), parsed.getJWTClaimsSet());
            forged.sign(new RSASSASigner(key));
            return forged.serialize();
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
