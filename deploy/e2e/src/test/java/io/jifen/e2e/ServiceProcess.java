package io.jifen.e2e;

import java.util.concurrent.CompletableFuture;

/**
 * One service of the running platform as an operating-system process, for fault tests: killed or stopped by the PID
 * the launcher recorded, and started again the way an operator would, by a second {@code up}.
 */
record ServiceProcess(RunningPlatform platform, String name) {

    ProcessHandle handle() {
        return platform.process(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
    }

    boolean running() {
        return platform.process(name).isPresent();
    }

    /** SIGKILL, as the kernel's OOM killer or a pulled plug would: no shutdown hook runs. Returns once it is gone. */
    void kill() {
        ProcessHandle process = handle();
        process.destroyForcibly();
        process.onExit().join();
    }

    /** SIGTERM, as an orchestrator stopping a pod: completes when the process has exited by itself. */
    CompletableFuture<ProcessHandle> terminate() {
        ProcessHandle process = handle();
        if (!process.destroy()) {
            throw new IllegalStateException("Could not signal " + name + " (pid " + process.pid() + ")");
        }
        return process.onExit();
    }

    /** Starts it again unless it runs, and returns once the launcher has seen it healthy. */
    void ensureRunning() {
        if (!running()) {
            platform.up();
        }
    }
}
