/**
 * HTTP and STOMP authentication, CSRF and per-destination authorization.
 */
package dev.switchboard.security;
