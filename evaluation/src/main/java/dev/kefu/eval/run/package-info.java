/**
 * The {@code kefu-eval} commands, one class each. A command reads its data (all or nothing, bad
 * lines reported with their numbers), runs the stage under test through the implementing module's
 * public factory, or the whole pipeline through the server's one assembly ({@link
 * dev.kefu.eval.run.ReplayBot} over {@code dev.kefu.channels.app.BotAssembly}), and writes a
 * {@link dev.kefu.eval.report.Report}.
 */
package dev.kefu.eval.run;
