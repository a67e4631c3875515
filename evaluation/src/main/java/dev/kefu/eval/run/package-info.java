/**
 * The {@code kefu-eval} commands, one class each. A command reads its data (all or nothing, bad
 * lines reported with their numbers), runs the stage under test through the implementing module's
 * public factory, and writes a {@link dev.kefu.eval.report.Report}.
 */
package dev.kefu.eval.run;
