package io.jifen.points.ledger;

/** What a debit does when the balance does not cover it. */
public enum Overdraft {
    /** 422 {@code insufficient_points}: redemptions and admin debits. */
    REFUSE,
    /** Take what is there (the tenant's {@code refundDebt: clamp}). */
    CLAMP,
    /** Take it all and leave a negative balance, a debt later earnings repay ({@code refundDebt: allow}). */
    ALLOW
}
