package io.jifen.gateway.resilience;

import static io.jifen.gateway.resilience.ContainerRefusalFilter.isContainerRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

class ContainerRefusalFilterTest {

    @Test
    void shouldTreatAnErrorWithoutAJsonBodyAsTheContainersRefusal() {
        assertThat(isContainerRefusal(HttpStatus.BAD_REQUEST, typed("text/html;charset=utf-8"))).isTrue();
        assertThat(isContainerRefusal(HttpStatus.INTERNAL_SERVER_ERROR, typed("text/plain"))).isTrue();
        assertThat(isContainerRefusal(HttpStatus.SERVICE_UNAVAILABLE, new HttpHeaders())).isTrue();
        assertThat(isContainerRefusal(HttpStatus.NOT_FOUND, typed("application/xml"))).isTrue();
        assertThat(isContainerRefusal(HttpStatus.BAD_REQUEST, typed("not a media type"))).isTrue();
    }

    @Test
    void shouldLeaveProblemAndJsonErrorsToTheClient() {
        assertThat(isContainerRefusal(HttpStatus.BAD_REQUEST, typed("application/problem+json"))).isFalse();
        assertThat(isContainerRefusal(HttpStatus.CONFLICT, typed("application/problem+json;charset=UTF-8"))).isFalse();
        assertThat(isContainerRefusal(HttpStatus.UNPROCESSABLE_CONTENT, typed("application/json"))).isFalse();
    }

    @Test
    void shouldLeaveSuccessesAndRedirectsAloneWhateverTheirType() {
        assertThat(isContainerRefusal(HttpStatus.OK, typed("text/html"))).isFalse();
        assertThat(isContainerRefusal(HttpStatus.CREATED, new HttpHeaders())).isFalse();
        assertThat(isContainerRefusal(HttpStatus.FOUND, typed("text/html"))).isFalse();
        assertThat(isContainerRefusal(HttpStatus.NOT_MODIFIED, new HttpHeaders())).isFalse();
    }

    private static HttpHeaders typed(String contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        return headers;
    }
}
