package io.jifen.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyIT extends PointsServiceTestBase {

    @Test
    void shouldNeverOverdrawOneBalanceUnderConcurrentDebits() throws Exception {
        Tenant tenant = newTenant();
        UUID member = newMember(tenant);
        credit(tenant, member, 100);
        record Debit(long points, Future<Api.Response> reply) {
        }
        List<Debit> debits = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(128)) {
            for (int i = 0; i < 550; i++) {
                long points = i % 11 == 0 ? 100 : 1; // 50 of 100 and 500 of 1, interleaved
                debits.add(new Debit(points, pool.submit(() -> {
                    start.await();
                    return adjust(tenant, member, -points, key());
                })));
            }
            start.countDown();
        }

        long accepted = 0;
        for (Debit debit : debits) {
            Api.Response response = debit.reply().get();
            if (response.status() == 201) {
                accepted += debit.points();
            } else {
                assertThat(response.status()).as(response.toString()).isEqualTo(422);
                assertThat(response.code()).isEqualTo("insufficient_points");
            }
        }
        long balance = balance(tenant, member);
        assertThat(balance).isGreaterThanOrEqualTo(0);
        assertThat(accepted).isEqualTo(100 - balance);
        assertThat(debits.stream().filter(d -> d.points() == 100).count()).isEqualTo(50);
        Long debited = jdbc.queryForObject(
                "select -sum(points) from ledger_entry where tenant_id = ? and points < 0", Long.class, tenant.id());
        assertThat(debited).isEqualTo(accepted);
    }
}
