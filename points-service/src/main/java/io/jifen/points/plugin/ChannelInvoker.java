package io.jifen.points.plugin;

import io.jifen.plugin.api.ChannelEvent;
import io.jifen.plugin.api.ChannelResult;
import io.jifen.points.channel.Accepted;
import io.jifen.points.channel.AwardCheck;
import io.jifen.points.channel.ChannelCall;
import io.jifen.points.channel.ChannelPipeline;
import io.jifen.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Runs plugin code: on a bounded pool, under the plugin's own class loader, with the configured timeout, behind a
 * per-tenant circuit breaker; an event's call goes through {@link ChannelPipeline}, as a built-in channel's does. A
 * call that throws, times out or proposes something {@link AwardCheck} refuses is answered with a problem, counted
 * ({@code jifen.plugin.failures}) and held against that tenant's breaker; nothing it proposed is written.
 */
@Component
class ChannelInvoker implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ChannelInvoker.class);

    private final ThreadPoolExecutor pool;
    private final Duration timeout;
    private final ChannelBreakers breakers;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ChannelPipeline pipeline;

    ChannelInvoker(PluginProperties properties, MeterRegistry meters, ChannelPipeline pipeline) {
        PluginProperties.Calls calls = properties.calls();
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(calls.threads(), calls.threads(), 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(calls.queue()), task -> {
                    Thread thread = new Thread(task, "plugin-call-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.timeout = calls.timeout();
        this.clock = Clock.systemUTC();
        this.breakers = new ChannelBreakers(properties.breaker().failures(), properties.breaker().openFor(), clock);
        this.meters = meters;
        this.pipeline = pipeline;
    }

    /** One event for one tenant's channel: its config, its cap per event and its time zone. */
    record Call(UUID tenantId, LoadedChannel target, ChannelEvent event, Map<String, Object> config, long maxPoints,
            ZoneId zone) {
    }

    /**
     * Runs the call through the host's pipeline: the plugin evaluates on the pool, the pipeline checks what it
     * proposed, and {@code post} gets what passed with the state writes the call made. {@code stateReader} reads
     * the tenant's plugin state on this (the request's) thread.
     */
    <T> T evaluate(Call call, Function<String, Optional<String>> stateReader,
            BiFunction<Accepted, List<ChannelState.Write>, T> post) {
        PluginCall plugin = new PluginCall(call, stateReader);
        return pipeline.run(plugin, accepted -> post.apply(accepted, plugin.writes));
    }

    /** A plugin's evaluation as the pipeline runs it: behind the breaker, on the pool, under a timeout. */
    private final class PluginCall implements ChannelCall {

        private final Call call;
        private final Function<String, Optional<String>> stateReader;
        private final ChannelBreakers.Key key;
        private List<ChannelState.Write> writes = List.of();

        PluginCall(Call call, Function<String, Optional<String>> stateReader) {
            this.call = call;
            this.stateReader = stateReader;
            this.key = new ChannelBreakers.Key(call.tenantId(), call.target().channelId());
        }

        @Override
        public String pluginId() {
            return call.target().pluginId();
        }

        @Override
        public String channelId() {
            return key.channelId();
        }

        @Override
        public ChannelResult evaluate() {
            if (!breakers.allows(key)) {
                throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "channel_suspended", "Channel "
                        + key.channelId() + " failed repeatedly and is switched off for this tenant for a while");
            }
            String tenantId = call.tenantId().toString();
            LoadedChannel target = call.target();
            HostMailbox mailbox = new HostMailbox();
            ChannelState state = new ChannelState(mailbox::ask);
            HostContext context = new HostContext(tenantId, call.config(), clock.withZone(call.zone()),
                    PluginLogger.of(target.pluginId(), tenantId, key.channelId()), state);
            try {
                return run(target.loader(), mailbox, stateReader,
                        () -> target.channel().evaluate(call.event(), context));
            } catch (PluginFault fault) {
                throw failed(key, target.pluginId(), fault.kind, fault.getMessage());
            } finally {
                writes = state.close();
            }
        }

        @Override
        public AwardCheck.Bounds bounds() {
            return AwardCheck.Bounds.plugin(call.maxPoints());
        }

        @Override
        public RuntimeException refused(String problem) {
            return failed(key, pluginId(), "invalid_output", "Channel " + key.channelId()
                    + " proposed something the host refuses: " + problem);
        }

        @Override
        public void accepted(ChannelResult result) {
            breakers.succeeded(key);
        }
    }

    /** Plugin code outside an event (ids, names, schemas at upload), with the same timeout and isolation. */
    <T> T describe(ClassLoader loader, Callable<T> work) {
        return run(loader, new HostMailbox(), key -> Optional.empty(), work);
    }

    private <T> T run(ClassLoader loader, HostMailbox mailbox, Function<String, Optional<String>> reader,
            Callable<T> work) {
        FutureTask<T> task = new FutureTask<>(() -> {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            // The pool's threads carry the application class loader; a plugin must not find it there.
            thread.setContextClassLoader(loader);
            try {
                return work.call();
            } finally {
                thread.setContextClassLoader(before);
            }
        }) {
            @Override
            protected void done() {
                mailbox.done();
            }
        };
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "plugins_busy",
                    "Too many plugin calls are running; retry shortly");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Object next = mailbox.queue().poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    task.cancel(true);
                    throw new PluginFault("timeout", "The plugin did not answer within " + timeout.toMillis()
                            + " ms");
                }
                if (next == HostMailbox.DONE) {
                    return task.get();
                }
                HostMailbox.Read read = (HostMailbox.Read) next;
                try {
                    read.answer().complete(reader.apply(read.key()));
                } catch (RuntimeException e) {
                    read.answer().completeExceptionally(e);
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "plugins_busy", "Interrupted; retry");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            log.warn("Plugin call failed", cause);
            throw new PluginFault("exception", "The plugin failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }

    private ApiException failed(ChannelBreakers.Key key, String pluginId, String kind, String detail) {
        breakers.failed(key);
        meters.counter("jifen.plugin.failures", "plugin", pluginId, "channel", key.channelId(), "kind", kind)
                .increment();
        String code = switch (kind) {
            case "timeout" -> "plugin_timeout";
            case "invalid_output" -> "plugin_invalid_output";
            default -> "plugin_failed";
        };
        return new ApiException(HttpStatus.BAD_GATEWAY, code, detail);
    }

    @Override
    public void destroy() {
        pool.shutdownNow();
    }

    /** A call that did not complete normally; {@code kind} is its tag in the failure counter. */
    static final class PluginFault extends RuntimeException {
        final String kind;

        PluginFault(String kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }
}
