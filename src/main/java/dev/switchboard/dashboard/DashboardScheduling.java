package dev.switchboard.dashboard;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Turns on {@code @Scheduled} methods, such as the dashboard ticks.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DashboardScheduling {

}
