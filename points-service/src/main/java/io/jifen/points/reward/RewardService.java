package io.jifen.points.reward;

import io.jifen.web.ApiException;
import java.security.SecureRandom;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The tenant's catalog and its coupon pools. */
@Service
class RewardService {

    /** Generated codes: 12 characters without look-alikes (no 0/O, 1/I/L), about 59 bits. */
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int CODE_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RewardStore rewards;
    private final CouponPool coupons;

    RewardService(RewardStore rewards, CouponPool coupons) {
        this.rewards = rewards;
        this.coupons = coupons;
    }

    @Transactional
    public RewardResponse create(SaveRewardRequest request) {
        UUID id = UUID.randomUUID();
        rewards.insert(id, request);
        return response(require(id));
    }

    /** A full replacement; the type is fixed once created (a coupon's pool or a goods' shipments depend on it). */
    @Transactional
    public RewardResponse update(UUID id, SaveRewardRequest request) {
        Reward existing = require(id);
        if (!existing.type().value().equals(request.type())) {
            throw ApiException.conflict("reward_type_fixed",
                    "Reward " + id + " is a " + existing.type().value() + " reward; its type cannot change");
        }
        rewards.update(id, request);
        return response(require(id));
    }

    @Transactional(readOnly = true)
    public RewardResponse get(UUID id) {
        return response(require(id));
    }

    @Transactional(readOnly = true)
    public RewardPage list(String type, Boolean active, int page, int size) {
        List<Reward> rows = rewards.list(type, active, page, size);
        boolean more = rows.size() > size;
        return new RewardPage((more ? rows.subList(0, size) : rows).stream().map(this::response).toList(), page,
                size, more);
    }

    @Transactional
    public CouponCodesResponse addCouponCodes(UUID id, AddCouponCodesRequest request) {
        Reward reward = require(id);
        if (reward.type() != RewardType.COUPON) {
            throw ApiException.conflict("not_a_coupon_reward",
                    "Reward " + id + " is a " + reward.type().value() + " reward: it has no coupon codes");
        }
        if (request.codes() != null) {
            Set<String> codes = new LinkedHashSet<>(request.codes());
            int added = coupons.add(id, codes);
            return new CouponCodesResponse(id, added, request.codes().size() - added, coupons.available(id),
                    List.of());
        }
        Set<String> generated = new LinkedHashSet<>();
        while (generated.size() < request.generate()) {
            generated.add(randomCode());
        }
        int added = coupons.add(id, generated);
        if (added != generated.size()) {
            // 59 random bits: a clash with an existing code is all but impossible; refuse rather than hand out fewer.
            throw new IllegalStateException("Generated coupon codes clashed with existing ones");
        }
        return new CouponCodesResponse(id, added, 0, coupons.available(id), List.copyOf(generated));
    }

    Reward require(UUID id) {
        return rewards.find(id).orElseThrow(() -> notFound(id));
    }

    static ApiException notFound(UUID id) {
        return new ApiException(HttpStatus.NOT_FOUND, "reward_not_found", "Reward " + id + " was not found");
    }

    private RewardResponse response(Reward reward) {
        return RewardResponse.of(reward, reward.type() == RewardType.COUPON ? coupons.available(reward.id()) : null);
    }

    private static String randomCode() {
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < CODE_LENGTH; i++) {
            code[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(code);
    }
}
