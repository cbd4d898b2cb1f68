package io.jifen.tenant.plan;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A plan and its quotas (docs/adr/0005); {@code null} quotas are unlimited. Read-only here: seeded by Flyway. */
@Entity
@Table(name = "plan")
public class Plan {

    public static final String FREE = "free";

    @Id
    private String code;
    private String name;
    private int rps;
    private int burst;
    @Column(name = "max_members")
    private Long maxMembers;
    @Column(name = "max_plugins")
    private Integer maxPlugins;

    protected Plan() {
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public int getRps() {
        return rps;
    }

    public int getBurst() {
        return burst;
    }

    public Long getMaxMembers() {
        return maxMembers;
    }

    public Integer getMaxPlugins() {
        return maxPlugins;
    }
}
