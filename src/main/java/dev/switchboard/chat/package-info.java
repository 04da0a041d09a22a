/**
 * Chat messages in rooms, their history and catch-up by {@code seq}, typing indicators,
 * direct messages, and the home and chat pages.
 */
package dev.switchboard.chat;
