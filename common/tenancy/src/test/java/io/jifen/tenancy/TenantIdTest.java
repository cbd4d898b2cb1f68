package io.jifen.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f809a1b", "3F1C2A4E-9B7D-4C1E-8A2F-5D6E7F809A1B",
            "00000000-0000-0000-0000-000000000001"})
    void shouldReadTheCanonicalFormInAnyCase(String value) {
        assertThat(TenantId.of(value).value()).isEqualTo(UUID.fromString(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-2-3-4-5", "", "3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f809a1", "3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f809a1bc",
            "3f1c2a4e9-b7d-4c1e-8a2f-5d6e7f809a1b", "3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f809a1g",
            "+f1c2a4e-9b7d-4c1e-8a2f-5d6e7f809a1b", " 3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f809a1b",
            "3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f809a1b ", "3f1c2a4e_9b7d_4c1e_8a2f_5d6e7f809a1b",
            "3f1c2a4e-9b7d-4c1e-8a2f-5d6e7f809a１b"})
    void shouldRefuseAnythingElse(String value) {
        assertThatThrownBy(() -> TenantId.of(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a tenant id");
    }
}
