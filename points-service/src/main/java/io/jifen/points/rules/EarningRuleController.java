package io.jifen.points.rules;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The tenant's earning rules: admins change them, staff may read them and simulate a purchase. */
@RestController
@RequestMapping("/api/v1/earning-rules")
@PreAuthorize("hasRole('tenant-admin')")
class EarningRuleController {

    private final EarningRules rules;
    private final RuleSimulation simulation;

    EarningRuleController(EarningRules rules, RuleSimulation simulation) {
        this.rules = rules;
        this.simulation = simulation;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
    EarningRuleResponse.Page list() {
        return new EarningRuleResponse.Page(rules.list());
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
    EarningRuleResponse get(@PathVariable UUID id) {
        return rules.get(id);
    }

    @PostMapping
    ResponseEntity<EarningRuleResponse> create(@Valid @RequestBody EarningRuleRequest request) {
        EarningRuleResponse created = rules.create(request);
        return ResponseEntity.created(URI.create("/api/v1/earning-rules/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    EarningRuleResponse replace(@PathVariable UUID id, @Valid @RequestBody EarningRuleRequest request) {
        return rules.replace(id, request);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        rules.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Evaluates a purchase under the rules as they are now; writes nothing. */
    @PostMapping("/simulate")
    @PreAuthorize("hasAnyRole('tenant-admin', 'tenant-staff')")
    SimulationResponse simulate(@Valid @RequestBody SimulateRequest request) {
        return simulation.simulate(request);
    }
}
