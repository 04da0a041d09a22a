/**
 * Chat messages in rooms, typing indicators and direct messages.
 */
package dev.switchboard.chat;
