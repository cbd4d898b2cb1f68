package io.jifen.analytics;

import io.jifen.testsupport.spring.ServiceSmokeTests;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsApplicationIT extends ServiceSmokeTests {

    @Override
    protected List<String> extraHealthComponents() {
        return List.of("elasticsearch");
    }
}
