package io.jifen.gateway.express;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.jifen.gateway.problem.ProblemResponses;
import io.jifen.gateway.problem.ServiceUnavailable;
import io.jifen.gateway.ratelimit.TenantAdmission;
import io.jifen.gateway.security.CheckedTokens;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Puts the express lane (docs/adr/0022) in front of WebFlux on the gateway's own port: Boot's Netty server asks route
 * providers before its WebFlux handler. The lanes take their target and response timeout from the gateway's routes of
 * the same id once the application is ready; until then, and when {@code jifen.gateway.express.enabled=false}, every
 * call takes the full chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "jifen.gateway.express.enabled", havingValue = "true", matchIfMissing = true)
class ExpressLaneConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ExpressLaneConfiguration.class);

    /** A member id, an order id: the characters no firewall rule cares about, nothing to decode or normalise. */
    private static final String SEGMENT = "[A-Za-z0-9_-]{1,64}";
    static final List<ExpressLane.Lane> LANES = List.of(
            new ExpressLane.Lane("points-of-member", HttpMethod.GET,
                    Pattern.compile("/api/v1/members/" + SEGMENT + "/points")),
            new ExpressLane.Lane("points", HttpMethod.POST, Pattern.compile("/api/v1/purchases")),
            new ExpressLane.Lane("points-batch", HttpMethod.POST, Pattern.compile("/api/v1/purchases/batch")),
            new ExpressLane.Lane("points", HttpMethod.POST,
                    Pattern.compile("/api/v1/purchases/" + SEGMENT + "/refunds")),
            new ExpressLane.Lane("points", HttpMethod.POST, Pattern.compile("/api/v1/redemptions")));

    @Bean
    ExpressLaneRoutes expressLaneRoutes(ObjectProvider<RouteLocator> routes, ObjectProvider<HttpClient> client,
            ObjectProvider<HttpClientProperties> clientProperties, ObjectProvider<GatewayProperties> gateway,
            ObjectProvider<CircuitBreakerRegistry> breakers,
            ObjectProvider<ReactiveJwtDecoder> decoder, ObjectProvider<TenantAdmission> admission,
            ObjectProvider<ProblemResponses> problems, ObjectProvider<ServiceUnavailable> unavailable,
            ObjectProvider<MeterRegistry> meters) {
        return new ExpressLaneRoutes(() -> {
            if (!(decoder.getObject() instanceof CheckedTokens tokens)) {
                log.warn("The token decoder keeps no checked tokens; the express lane stays closed");
                return null;
            }
            List<ExpressLane.Target> targets = targets(routes.getObject(), clientProperties.getObject(),
                    gateway.getObject().getDefaultFilters().size(), breakers.getObject());
            Map<String, LongAdder> counts = new HashMap<>();
            targets.forEach(target -> counts.putIfAbsent(target.lane().routeId(), target.calls()));
            counts.forEach((route, count) -> meters.ifAvailable(registry -> FunctionCounter
                    .builder("jifen.gateway.express.calls", count, LongAdder::sum)
                    .description("Calls the gateway's express lane took, by route")
                    .tag("route", route)
                    .register(registry)));
            return new ExpressLane(targets, tokens, admission.getObject(), client.getObject(), problems.getObject(),
                    unavailable.getObject(), meters.getIfAvailable(SimpleMeterRegistry::new));
        });
    }

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> expressLaneFirst(ExpressLaneRoutes routes) {
        return factory -> factory.addRouteProviders(routes);
    }

    private static List<ExpressLane.Target> targets(RouteLocator locator, HttpClientProperties properties,
            int defaultFilters, CircuitBreakerRegistry breakers) {
        Map<String, Route> routes = new HashMap<>();
        for (Route route : locator.getRoutes().collectList().block(Duration.ofSeconds(30))) {
            routes.put(route.getId(), route);
        }
        List<ExpressLane.Target> targets = new ArrayList<>();
        Map<String, LongAdder> counts = new HashMap<>();
        for (ExpressLane.Lane lane : LANES) {
            Route route = routes.get(lane.routeId());
            if (route == null) {
                log.warn("No gateway route {}: its express lane stays closed", lane.routeId());
                continue;
            }
            if (route.getFilters().size() != defaultFilters) {
                // A filter of the route's own (a rewrite, a header) would be skipped by the lane: leave it to the chain.
                log.warn("Gateway route {} has filters of its own: its express lane stays closed", lane.routeId());
                continue;
            }
            Object timeout = route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
            Duration responseTimeout = timeout != null ? Duration.ofMillis(Long.parseLong(timeout.toString()))
                    : properties.getResponseTimeout();
            // As the route's own forwarding: the route's scheme and address, the call's path.
            String upstream = route.getUri().getScheme() + "://" + route.getUri().getRawAuthority();
            // The route's CircuitBreaker filter's own breaker (same name, configuration and tags): one state for both ways in.
            targets.add(new ExpressLane.Target(lane, upstream, responseTimeout,
                    breakers.circuitBreaker(lane.routeId(), breakers.getDefaultConfig(),
                            Map.of("group", lane.routeId())),
                    counts.computeIfAbsent(lane.routeId(), id -> new LongAdder())));
        }
        return targets;
    }

    /**
     * The route provider Boot's server asks first. It holds no lane until the application is ready (the gateway's
     * routes and beans exist), and declines every call until then.
     */
    static final class ExpressLaneRoutes implements NettyRouteProvider, ApplicationListener<ApplicationReadyEvent> {

        private final Supplier<ExpressLane> factory;
        private volatile ExpressLane lane;

        ExpressLaneRoutes(Supplier<ExpressLane> factory) {
            this.factory = factory;
        }

        @Override
        public void onApplicationEvent(ApplicationReadyEvent event) {
            lane = factory.get();
            if (lane != null) {
                log.info("Express lane open for {}", lane.calls().keySet());
            }
        }

        @Override
        public HttpServerRoutes apply(HttpServerRoutes routes) {
            return routes.route(request -> {
                ExpressLane current = lane;
                return current != null && current.accepts(request);
            }, (request, response) -> lane.handle(request, response));
        }
    }
}
