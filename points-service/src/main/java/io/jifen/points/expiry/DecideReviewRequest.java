package io.jifen.points.expiry;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/points/reviews/{id}/approve} and {@code /reject}: why, for the audit. */
record DecideReviewRequest(@NotBlank @Size(max = 500) String reason) {
}
