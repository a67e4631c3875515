/**
 * Kefu's core: the stage interfaces of the message flow, the records between them, and the
 * pipeline that runs them. No technology lives here (no Lucene, OpenNLP or Javalin; the build
 * enforces it); implementations are in the {@code intents}, {@code knowledge-base} and {@code
 * channels} modules.
 */
package dev.kefu.core;
