/**
 * Live dashboards: the {@link dev.switchboard.dashboard.Dashboard} extension point, its
 * ticks over STOMP and Server-Sent Events, snapshots, access and pages.
 */
package dev.switchboard.dashboard;
