package io.jifen.tenancy.testapp;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A global (not tenant-scoped) table, like the plan catalogue: readable with or without a tenant. */
@Entity
public class Plan {

    @Id
    private String code;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    protected Plan() {
    }

    public Plan(String code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    public String getCode() {
        return code;
    }
}
