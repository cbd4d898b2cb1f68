package io.jifen.events.testapp;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface StampRepository extends JpaRepository<Stamp, UUID> {
}
