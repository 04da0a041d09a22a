/**
 * An example dashboard fed by simulated greenhouse sensors.
 */
package dev.switchboard.dashboard.sensors;
