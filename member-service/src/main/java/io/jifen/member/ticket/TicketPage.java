package io.jifen.member.ticket;

import java.util.List;

record TicketPage(List<TicketResponse> items, int page, int size, long totalElements, int totalPages) {
}
