package io.jifen.member.ticket;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

interface ServiceTicketRepository extends JpaRepository<ServiceTicket, UUID>, JpaSpecificationExecutor<ServiceTicket> {
}
