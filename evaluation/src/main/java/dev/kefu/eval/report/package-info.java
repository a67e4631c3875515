/**
 * Reports: a JSON file of named metrics at {@code --out} and a Markdown file beside it for people.
 */
package dev.kefu.eval.report;
