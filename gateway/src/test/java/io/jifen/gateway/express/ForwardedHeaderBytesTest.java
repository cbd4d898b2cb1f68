package io.jifen.gateway.express;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ForwardedHeaderBytesTest {

    @Test
    void shouldPutTheSameBytesOnTheWireAsTheHeaderText() {
        StringBuilder every = new StringBuilder("a\t");
        for (char c = 0x20; c <= 0xff; c++) {
            if (c != 0x7f) {
                every.append(c);
            }
        }
        // No decoded header holds a char above 255; if one did, both ways write '?'.
        String value = every.append("中").toString();

        String asText = encoded(value, text -> text);
        String asBytes = encoded(value, ExpressLane::bytes);

        assertThat(asBytes).isEqualTo(asText).contains("X-Every: a\t !\"#").contains("~\u0080\u0081")
                .endsWith("\u00ff?\r\n\r\n");
    }

    @Test
    void shouldKeepAKilobyteBearerHeaderWhole() {
        String token = "Bearer " + "eyJhbGciOiJSUzI1NiJ9.".repeat(50) + "c2lnbmF0dXJl_-~+/==";

        assertThat(encoded(token, ExpressLane::bytes)).contains("X-Every: " + token + "\r\n")
                .isEqualTo(encoded(token, text -> text));
    }

    private static String encoded(String value, Function<String, CharSequence> form) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST,
                "/api/v1/purchases");
        request.headers().add(form.apply("X-Every"), form.apply(value));
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestEncoder());
        channel.writeOutbound(request);
        StringBuilder wire = new StringBuilder();
        for (ByteBuf buffer = channel.readOutbound(); buffer != null; buffer = channel.readOutbound()) {
            wire.append(new String(ByteBufUtil.getBytes(buffer), StandardCharsets.ISO_8859_1));
            buffer.release();
        }
        channel.finishAndReleaseAll();
        return wire.toString();
    }
}
