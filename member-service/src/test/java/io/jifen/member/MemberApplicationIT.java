package io.jifen.member;

import io.jifen.testsupport.spring.ServiceSmokeTests;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MemberApplicationIT extends ServiceSmokeTests {
}
