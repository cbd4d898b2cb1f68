package io.jifen.tenant.admin;

import jakarta.validation.constraints.NotBlank;

/** @param plan a plan code: free, standard or enterprise */
record ChangePlanRequest(@NotBlank String plan) {
}
