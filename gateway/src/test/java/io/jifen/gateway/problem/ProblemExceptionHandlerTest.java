package io.jifen.gateway.problem;

import static io.jifen.gateway.problem.ProblemExceptionHandler.callerGone;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.AbstractServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

class ProblemExceptionHandlerTest {

    @Test
    void shouldSeeACallerGoneOnlyWhenItsConnectionIsClosed() {
        EmbeddedChannel open = new EmbeddedChannel();
        EmbeddedChannel closed = new EmbeddedChannel();
        closed.close();

        assertThat(callerGone(on(open))).isFalse();
        assertThat(callerGone(on(closed))).isTrue();
        assertThat(callerGone(new ServerHttpResponseDecorator(on(closed)))).as("through a decorator").isTrue();
        assertThat(callerGone(new MockServerHttpResponse())).as("not on reactor-netty").isFalse();
    }

    /** A response whose native response is the connection of the given channel, as reactor-netty's is. */
    private static AbstractServerHttpResponse on(EmbeddedChannel channel) {
        Connection connection = Connection.from(channel);
        return new AbstractServerHttpResponse(DefaultDataBufferFactory.sharedInstance) {
            @Override
            @SuppressWarnings("unchecked")
            public <T> T getNativeResponse() {
                return (T) connection;
            }

            @Override
            protected Mono<Void> writeWithInternal(Publisher<? extends DataBuffer> body) {
                return Mono.empty();
            }

            @Override
            protected Mono<Void> writeAndFlushWithInternal(Publisher<? extends Publisher<? extends DataBuffer>> body) {
                return Mono.empty();
            }

            @Override
            protected void applyStatusCode() {
            }

            @Override
            protected void applyHeaders() {
            }

            @Override
            protected void applyCookies() {
            }
        };
    }
}
