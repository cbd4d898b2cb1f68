package io.jifen.points.reward;

import io.jifen.tenancy.TenantContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The catalog (native SQL: the tenant is named in every statement). */
@Repository
class RewardStore {

    private static final String COLUMNS = """
            id, type, name, description, image_url, points_cost, stock, daily_limit, lifetime_limit, allowed_tiers,
            available_from, available_until, active, created_at, updated_at""";
    private static final TypeReference<List<String>> TIERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    RewardStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(UUID id, SaveRewardRequest request) {
        jdbc.update("""
                insert into reward (tenant_id, id, type, name, description, image_url, points_cost, stock, daily_limit,
                                    lifetime_limit, allowed_tiers, available_from, available_until, active)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)""", tenant(), id, request.type(),
                request.name(), request.description(), request.imageUrl(), request.pointsCost(), request.stock(),
                request.dailyLimit(), request.lifetimeLimit(), tiers(request.allowedTiers()),
                timestamp(request.availableFrom()), timestamp(request.availableUntil()), request.activeOrDefault());
    }

    /** @return whether the reward exists in this tenant */
    boolean update(UUID id, SaveRewardRequest request) {
        return jdbc.update("""
                update reward set name = ?, description = ?, image_url = ?, points_cost = ?, stock = ?,
                                  daily_limit = ?, lifetime_limit = ?, allowed_tiers = cast(? as jsonb),
                                  available_from = ?, available_until = ?, active = ?, updated_at = now()
                where tenant_id = ? and id = ?""", request.name(), request.description(), request.imageUrl(),
                request.pointsCost(), request.stock(), request.dailyLimit(), request.lifetimeLimit(),
                tiers(request.allowedTiers()), timestamp(request.availableFrom()),
                timestamp(request.availableUntil()), request.activeOrDefault(), tenant(), id) == 1;
    }

    Optional<Reward> find(UUID id) {
        return jdbc.query("select " + COLUMNS + " from reward where tenant_id = ? and id = ?", this::reward,
                tenant(), id).stream().findFirst();
    }

    List<Reward> list(String type, Boolean active, int page, int size) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from reward where tenant_id = ?");
        List<Object> args = new ArrayList<>(List.of(tenant()));
        if (type != null) {
            sql.append(" and type = ?");
            args.add(type);
        }
        if (active != null) {
            sql.append(" and active = ?");
            args.add(active);
        }
        sql.append(" order by created_at desc, id limit ? offset ?");
        args.add(size + 1);
        args.add((long) page * size);
        return jdbc.query(sql.toString(), this::reward, args.toArray());
    }

    /**
     * Takes {@code quantity} from a limited stock in one conditional statement (no read-modify-write): two
     * redemptions of the last unit cannot both pass, the second waits for the first's row lock and re-checks.
     *
     * @return false when the stock does not hold {@code quantity}
     */
    boolean takeStock(UUID id, int quantity) {
        return jdbc.update("update reward set stock = stock - ? where tenant_id = ? and id = ? and stock >= ?",
                quantity, tenant(), id, quantity) == 1;
    }

    /** Gives a cancelled redemption's units back to a limited stock (an unlimited one stays unlimited). */
    void returnStock(UUID id, int quantity) {
        jdbc.update("update reward set stock = stock + ? where tenant_id = ? and id = ? and stock is not null",
                quantity, tenant(), id);
    }

    /** Whether the reward's stock is unlimited now (read again after a refused {@link #takeStock}). */
    boolean isUnlimited(UUID id) {
        return jdbc.queryForList("select stock is null from reward where tenant_id = ? and id = ?", Boolean.class,
                tenant(), id).stream().findFirst().orElse(false);
    }

    private Reward reward(ResultSet row, int i) throws SQLException {
        String tiers = row.getString("allowed_tiers");
        return new Reward(row.getObject("id", UUID.class), RewardType.of(row.getString("type")),
                row.getString("name"), row.getString("description"), row.getString("image_url"),
                row.getLong("points_cost"), row.getObject("stock", Long.class),
                row.getObject("daily_limit", Integer.class), row.getObject("lifetime_limit", Integer.class),
                tiers == null ? List.of() : json.readValue(tiers, TIERS), instant(row.getTimestamp("available_from")),
                instant(row.getTimestamp("available_until")), row.getBoolean("active"),
                instant(row.getTimestamp("created_at")), instant(row.getTimestamp("updated_at")));
    }

    private String tiers(List<String> tiers) {
        return tiers == null || tiers.isEmpty() ? null : json.writeValueAsString(tiers.stream().distinct().toList());
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static UUID tenant() {
        return TenantContext.require().value();
    }
}
