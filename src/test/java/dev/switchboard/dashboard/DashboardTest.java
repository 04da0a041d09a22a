package dev.switchboard.dashboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.switchboard.support.SwitchboardTest;

import org.springframework.context.annotation.Import;

/**
 * A dashboard test on a running server whose dashboards tick every 100 ms and keep 30
 * ticks, with the {@link BulkDashboard} besides the application's own; all such tests
 * share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SwitchboardTest(properties = { "switchboard.dashboard.tick-period=100ms", "switchboard.dashboard.history-size=30" })
@Import(BulkDashboard.class)
public @interface DashboardTest {

}
