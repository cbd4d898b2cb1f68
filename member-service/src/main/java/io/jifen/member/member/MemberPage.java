package io.jifen.member.member;

import java.util.List;

record MemberPage(List<MemberResponse> items, int page, int size, long totalElements, int totalPages) {
}
