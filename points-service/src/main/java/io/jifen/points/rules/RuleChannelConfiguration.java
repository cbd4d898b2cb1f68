package io.jifen.points.rules;

import io.jifen.plugin.api.EarningChannel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The built-in rule channels as beans, which is how {@code BuiltInChannels} lists them. */
@Configuration(proxyBeanMethods = false)
class RuleChannelConfiguration {

    @Bean
    EarningChannel purchaseChannel() {
        return PurchaseChannel.INSTANCE;
    }

    @Bean
    EarningChannel registrationChannel() {
        return EventRuleChannel.REGISTRATION;
    }

    @Bean
    EarningChannel referralChannel() {
        return EventRuleChannel.REFERRAL;
    }

    @Bean
    EarningChannel profileCompletedChannel() {
        return EventRuleChannel.PROFILE_COMPLETED;
    }

    @Bean
    EarningChannel birthdayChannel() {
        return EventRuleChannel.BIRTHDAY;
    }

    @Bean
    EarningChannel customEventChannel() {
        return EventRuleChannel.CUSTOM;
    }
}
