package io.jifen.events;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

class OutboxTest {

    @Test
    void shouldRefuseToAppendWithoutATransaction() {
        Outbox outbox = new Outbox(new JdbcTemplate(), JsonMapper.builder().build(), () -> { });

        assertThatThrownBy(() -> outbox.append("member.registered", null, Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside the transaction");
    }

    @Test
    void shouldAcceptPastTenseDottedTypes() {
        for (String type : new String[] {"member.registered", "points.earned", "tier.changed", "reward.redeemed",
                "campaign.awarded", "test.tenant-touched"}) {
            assertThatCode(() -> Outbox.requireValidType(type)).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldRefuseTypesOutsideTheNamingScheme() {
        for (String type : new String[] {null, "", "registered", "Member.Registered", "member..registered",
                "member.registered.", "member registered", "member." + "x".repeat(100)}) {
            assertThatThrownBy(() -> Outbox.requireValidType(type)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
