/**
 * HTTP and STOMP authentication, CSRF and per-destination authorization, and the limits
 * on what a client without a login can make the server do: login throttling, slow request
 * bodies, security headers.
 */
package dev.switchboard.security;
