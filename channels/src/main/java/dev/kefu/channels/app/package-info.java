/**
 * The server executable: {@link dev.kefu.channels.app.KefuServer} parses the command line and
 * loads the configuration; {@link dev.kefu.channels.app.KefuApplication} is the one composition
 * root that builds every stage and declares every route. Nothing else constructs stages.
 */
package dev.kefu.channels.app;
