/**
 * The agent side of hand-off: the agent REST API ({@code /api/v1/agent/...}), the agent desk's
 * WebSocket, the live hub that pushes every stored change to the widget and the desk, and the
 * hand-off webhook. The rules themselves (queue, claims, hand-back) live in bot-core's {@code
 * AgentDesk}; this package only carries them over HTTP and WebSocket.
 */
package dev.kefu.channels.agent;
