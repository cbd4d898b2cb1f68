package io.jifen.gateway.resilience;

import static io.jifen.gateway.resilience.ContainerRefusalFilter.isContainerRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ContainerRefusalFilterTest {

    @Test
    void shouldTreatAnErrorWithoutAJsonBodyAsTheContainersRefusal() {
        assertThat(isContainerRefusal(HttpStatus.BAD_REQUEST, "text/html;charset=utf-8")).isTrue();
        assertThat(isContainerRefusal(HttpStatus.INTERNAL_SERVER_ERROR, "text/plain")).isTrue();
        assertThat(isContainerRefusal(HttpStatus.SERVICE_UNAVAILABLE, null)).isTrue();
        assertThat(isContainerRefusal(HttpStatus.NOT_FOUND, "application/xml")).isTrue();
        assertThat(isContainerRefusal(HttpStatus.BAD_REQUEST, "not a media type")).isTrue();
    }

    @Test
    void shouldLeaveProblemAndJsonErrorsToTheClient() {
        assertThat(isContainerRefusal(HttpStatus.BAD_REQUEST, "application/problem+json")).isFalse();
        assertThat(isContainerRefusal(HttpStatus.CONFLICT, "application/problem+json;charset=UTF-8")).isFalse();
        assertThat(isContainerRefusal(HttpStatus.UNPROCESSABLE_CONTENT, "application/json")).isFalse();
    }

    @Test
    void shouldLeaveSuccessesAndRedirectsAloneWhateverTheirType() {
        assertThat(isContainerRefusal(HttpStatus.OK, "text/html")).isFalse();
        assertThat(isContainerRefusal(HttpStatus.CREATED, null)).isFalse();
        assertThat(isContainerRefusal(HttpStatus.FOUND, "text/html")).isFalse();
        assertThat(isContainerRefusal(HttpStatus.NOT_MODIFIED, null)).isFalse();
    }
}
