package io.jifen.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Valid;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;

class RequestValidationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(ValidationAutoConfiguration.class, RequestValidation.class));

    record Line(@NotNull String sku, @Positive int quantity) {
    }

    record Order(@NotNull String orderId, List<@Valid Line> lines) {
    }

    @Test
    void shouldTraverseEveryPropertyWithoutAskingJpaAndStillValidateNestedItems() {
        context.run(app -> {
            ValidatorFactory factory = app.getBean(ValidatorFactory.class);
            assertThat(factory.getTraversableResolver()).isSameAs(RequestValidation.EveryPropertyReachable.INSTANCE);
            assertThat(factory.getValidator().validate(new Order(null, List.of(new Line("A", 1), new Line(null, 0)))))
                    .extracting(violation -> violation.getPropertyPath().toString())
                    .containsExactlyInAnyOrder("orderId", "lines[1].sku", "lines[1].quantity");
        });
    }
}
