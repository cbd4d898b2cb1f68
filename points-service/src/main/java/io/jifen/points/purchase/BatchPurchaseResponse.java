package io.jifen.points.purchase;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jifen.web.ApiException;
import java.util.List;

/**
 * What a batch did: how many purchases were recorded, found already recorded with the same body, or refused, and one
 * result per purchase in request order.
 */
record BatchPurchaseResponse(int accepted, int duplicates, int rejected, List<Result> results) {

    static final String RECORDED = "recorded";
    static final String DUPLICATE = "duplicate";
    static final String REJECTED = "rejected";

    static BatchPurchaseResponse of(List<Result> results) {
        return new BatchPurchaseResponse(count(results, RECORDED), count(results, DUPLICATE), count(results, REJECTED),
                results);
    }

    /**
     * One purchase: recorded or duplicate (its points and balance as {@code POST /api/v1/purchases} answers them), or
     * rejected with the problem {@code code} and {@code detail} that endpoint would have answered.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String orderId, String status, Long pointsAwarded, Long balance, Long pointsPending,
            Long pointsHeld, String code, String detail) {

        static Result of(PurchaseService.Recorded recorded) {
            PurchaseResponse response = recorded.response();
            return new Result(response.orderId(), recorded.created() ? RECORDED : DUPLICATE, response.pointsAwarded(),
                    response.balance(), response.pointsPending(), response.pointsHeld(), null, null);
        }

        static Result rejected(String orderId, ApiException problem) {
            return new Result(orderId, REJECTED, null, null, null, null, problem.code(), problem.getMessage());
        }
    }

    private static int count(List<Result> results, String status) {
        return (int) results.stream().filter(result -> result.status().equals(status)).count();
    }
}
