package io.jifen.tenancy.testapp;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface WidgetRepository extends JpaRepository<Widget, UUID> {

    Optional<Widget> findByBusinessId(String businessId);

    long countByNameStartingWith(String prefix);

    @Query("select w.name from Widget w order by w.name")
    List<String> names();

    @Transactional
    @Modifying
    @Query("update Widget w set w.name = :name where w.businessId = :businessId")
    int renameInBulk(String businessId, String name);

    @Transactional
    @Modifying
    @Query("delete from Widget w where w.businessId = :businessId")
    int deleteInBulk(String businessId);
}
