/**
 * The server executable and the one assembly of the bot. {@link dev.kefu.channels.app.BotAssembly}
 * builds every stage from the configuration (the server and the {@code kefu-eval} commands use
 * it); {@link dev.kefu.channels.app.KefuApplication} is the server's composition root, which only
 * wires the assembly, the HTTP edge and the timers; {@link dev.kefu.channels.app.RouteTable}
 * declares every route with who may call it; {@link dev.kefu.channels.app.KefuServer} parses the
 * command line and loads the configuration. This package may import every other one; none
 * imports it.
 */
package dev.kefu.channels.app;
