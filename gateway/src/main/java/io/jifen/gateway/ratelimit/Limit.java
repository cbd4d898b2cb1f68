package io.jifen.gateway.ratelimit;

/** A token bucket: refills at {@code rps} tokens a second up to {@code burst}; a call takes one token. */
public record Limit(double rps, int burst) {

    public Limit {
        if (!(rps > 0) || burst < 1) {
            throw new IllegalArgumentException("A limit needs rps > 0 and burst >= 1, got " + rps + "/" + burst);
        }
    }
}
