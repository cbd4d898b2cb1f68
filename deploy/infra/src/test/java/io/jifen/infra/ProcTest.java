package io.jifen.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ProcTest {

    @Test
    void shouldTellAFreePortFromOneSomebodyListensOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(Proc.portFree(taken.getLocalPort())).isFalse();
            assertThat(Proc.portOpen(taken.getLocalPort())).isTrue();
        }
        int port = Proc.freePort();
        assertThat(Proc.portFree(port)).isTrue();
        assertThat(Proc.portFree(port)).as("asking twice").isTrue();
    }
}
