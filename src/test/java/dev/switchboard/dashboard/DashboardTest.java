package dev.switchboard.dashboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.switchboard.support.SwitchboardTest;

import org.springframework.context.annotation.Import;

/**
 * A dashboard test on a running server whose dashboards tick every 200 ms and keep 60
 * ticks (12 s), with the {@link BulkDashboard} besides the application's own; all such
 * tests share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SwitchboardTest(properties = { "switchboard.dashboard.tick-period=200ms", "switchboard.dashboard.history-size=60" })
@Import(BulkDashboard.class)
public @interface DashboardTest {

}
