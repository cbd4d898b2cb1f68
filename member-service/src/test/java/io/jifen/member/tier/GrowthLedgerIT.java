package io.jifen.member.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.jifen.member.MemberServiceTestBase;
import io.jifen.tenancy.TenantContext;
import io.jifen.tenancy.TenantId;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Growth sums read from the buckets equal the sums of the entries themselves, whatever the window. */
class GrowthLedgerIT extends MemberServiceTestBase {

    @Autowired
    GrowthLedger ledger;

    private final TenantId tenant = new TenantId(UUID.randomUUID());
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private final Instant windowStart = GrowthLedger.windowStart(TierLadder.DEFAULT.qualification(), now);

    @Test
    void shouldSumALongHistoryWithRefundsExactlyAsItsEntriesOnEitherSideOfEveryBoundary() {
        // The ledger runs inside its tenant, whose rows alone row security lets it see.
        TenantContext.runAs(tenant, () -> {
            UUID member = UUID.randomUUID();
            List<Entry> history = new ArrayList<>();
            Random random = new Random(20261201);
            for (int i = 0; i < 2_000; i++) { // three years of purchases, every eighth refunded in part
                Instant at = now.minus(random.nextLong(3L * 365 * 24 * 3600 * 1_000_000), ChronoUnit.MICROS);
                history.add(record(member, "o-" + i, GrowthLedger.Source.PURCHASE, 1 + random.nextInt(50_000), at));
                if (i % 8 == 0) {
                    history.add(record(member, "r-" + i, GrowthLedger.Source.REFUND, 1 + random.nextInt(20_000),
                            at));
                }
            }
            Instant day = startOfDay(windowStart);
            for (Instant at : edgesOf(windowStart)) {
                history.add(record(member, "edge-" + at, GrowthLedger.Source.PURCHASE, 1_000 + history.size(),
                        at));
            }
            history.add(record(member, "tomorrow", GrowthLedger.Source.PURCHASE, 77_700,
                    now.plus(1, ChronoUnit.DAYS)));

            for (Instant from : List.of(windowStart, windowStart.minus(1, ChronoUnit.MICROS),
                    windowStart.plus(1, ChronoUnit.MICROS), day, day.plus(1, ChronoUnit.DAYS),
                    startOfMonth(windowStart), now.minus(40, ChronoUnit.DAYS), now, now.plus(2, ChronoUnit.DAYS),
                    now.minus(5 * 365, ChronoUnit.DAYS))) {
                assertThat(ledger.since(tenant, member, from)).as("since %s", from)
                        .isEqualTo(expected(history, from));
            }
            assertThat(ledger.since(tenant, member, null)).isEqualTo(expected(history, Instant.MIN));
        });
    }

    @Test
    void shouldCountAnEntryRecordedTwiceOnce() {
        // The ledger runs inside its tenant, whose rows alone row security lets it see.
        TenantContext.runAs(tenant, () -> {
            UUID member = UUID.randomUUID();
            record(member, "o-1", GrowthLedger.Source.PURCHASE, 120_00, now);

            boolean again = ledger.record(tenant, member, GrowthLedger.Source.PURCHASE, "o-1",
                    new BigDecimal("120.00"), now);

            assertThat(again).isFalse();
            assertThat(ledger.since(tenant, member, windowStart)).isEqualTo(120);
            assertThat(ledger.since(tenant, member, null)).isEqualTo(120);
        });
    }

    @Test
    void shouldSumManyMembersAtOnceNeverBelowZeroAndOnlyInTheirTenant() {
        // The ledger runs inside its tenant, whose rows alone row security lets it see.
        TenantContext.runAs(tenant, () -> {
            UUID refunded = UUID.randomUUID();
            UUID buyer = UUID.randomUUID();
            UUID elsewhere = UUID.randomUUID();
            record(refunded, "old", GrowthLedger.Source.PURCHASE, 500_00, windowStart.minus(1, ChronoUnit.DAYS));
            record(refunded, "new", GrowthLedger.Source.PURCHASE, 100_00, now);
            record(refunded, "back", GrowthLedger.Source.REFUND, 300_00, now);
            record(buyer, "b-1", GrowthLedger.Source.PURCHASE, 42_50, now);
            TenantId other = new TenantId(UUID.randomUUID());
            TenantContext.runAs(other, () -> ledger.record(other, elsewhere, GrowthLedger.Source.PURCHASE, "x",
                    BigDecimal.TEN, now));

            Map<UUID, Long> window = ledger.since(tenant, List.of(refunded, buyer, elsewhere), windowStart);
            Map<UUID, Long> ever = ledger.since(tenant, List.of(refunded, buyer, elsewhere), null);

            assertThat(window).containsOnly(Map.entry(refunded, 0L), Map.entry(buyer, 42L));
            assertThat(ever).containsOnly(Map.entry(refunded, 300L), Map.entry(buyer, 42L));
        });
    }

    /** Just before, on and just after the instant, and the day's and the month's edges around it. */
    static List<Instant> edgesOf(Instant at) {
        Instant day = startOfDay(at);
        Instant nextMonth = startOfMonth(at).atOffset(ZoneOffset.UTC).plusMonths(1).toInstant();
        return List.of(at.minus(1, ChronoUnit.MICROS), at, at.plus(1, ChronoUnit.MICROS), day,
                day.minus(1, ChronoUnit.MICROS), day.plus(1, ChronoUnit.DAYS).minus(1, ChronoUnit.MICROS),
                day.plus(1, ChronoUnit.DAYS), nextMonth.minus(1, ChronoUnit.MICROS), nextMonth);
    }

    static Instant startOfDay(Instant at) {
        return at.truncatedTo(ChronoUnit.DAYS);
    }

    static Instant startOfMonth(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The definition: the entries' growth on or after {@code from}, never below zero. */
    static long expected(List<Entry> history, Instant from) {
        return Math.max(0, history.stream().filter(e -> !e.at().isBefore(from)).mapToLong(Entry::growth).sum());
    }

    private Entry record(UUID member, String ref, GrowthLedger.Source source, long cents, Instant at) {
        BigDecimal amount = BigDecimal.valueOf(cents, 2);
        assertThat(ledger.record(tenant, member, source, ref, amount, at)).isTrue();
        return new Entry(at, amount.longValue() * (source == GrowthLedger.Source.REFUND ? -1 : 1));
    }

    record Entry(Instant at, long growth) {
    }
}
