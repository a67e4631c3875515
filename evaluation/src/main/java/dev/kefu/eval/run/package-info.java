/**
 * The {@code kefu-eval} commands, one class each. A command reads its data (all or nothing, bad
 * lines reported with their numbers), runs the stage under test through the implementing module's
 * public factory, or the whole pipeline through the server's one assembly ({@link
 * dev.kefu.eval.run.ReplayBot} over {@code dev.kefu.channels.app.BotAssembly}), and writes a
 * {@link dev.kefu.eval.report.Report}. The {@code dialogues} command can also speak to a running
 * server's chat API instead: both are a {@link dev.kefu.eval.run.ShopperChannel}, judged by one
 * scorer.
 */
package dev.kefu.eval.run;
