package io.jifen.points.ledger;

import io.jifen.web.ApiException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A debit the balance does not cover, under a policy that refuses overdrafts. */
public class InsufficientPointsException extends ApiException {

    InsufficientPointsException(long balance, long requested) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "insufficient_points",
                "The balance of " + balance + " points does not cover " + requested,
                Map.of("balance", balance, "requested", requested));
    }
}
