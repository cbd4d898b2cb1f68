package io.jifen.member.card;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface CardRepository extends JpaRepository<Card, String> {

    List<Card> findByMemberIdOrderByIssuedAtAsc(UUID memberId);

    Optional<Card> findByMemberIdAndStatusNot(UUID memberId, CardStatus status);
}
