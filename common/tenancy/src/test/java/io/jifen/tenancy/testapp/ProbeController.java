package io.jifen.tenancy.testapp;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Reports the tenant a request (or the async task it starts) runs as, and lists the tenant's widgets. */
@RestController
class ProbeController {

    private final AsyncProbe asyncProbe;
    private final WidgetRepository widgets;

    ProbeController(AsyncProbe asyncProbe, WidgetRepository widgets) {
        this.asyncProbe = asyncProbe;
        this.widgets = widgets;
    }

    @GetMapping({"/api/probe", "/public/probe"})
    ThreadState probe() {
        return ThreadState.now();
    }

    @GetMapping("/api/failing-probe")
    ThreadState failingProbe() {
        throw new IllegalStateException("Failed while working as " + ThreadState.now().tenant());
    }

    @GetMapping({"/api/async-probe", "/public/async-probe"})
    ThreadState asyncProbe() throws Exception {
        return asyncProbe.probe().get(30, TimeUnit.SECONDS);
    }

    @GetMapping("/api/widgets")
    List<String> widgetNames() {
        return widgets.names();
    }
}
