/**
 * The {@code kefu-eval} command: datasets, runners, metrics and reports. Each command reads its
 * data, runs the stage under test through its public factory, and writes a JSON report and a
 * Markdown report beside it; bad input exits non-zero with a clear message.
 */
package dev.kefu.eval;
