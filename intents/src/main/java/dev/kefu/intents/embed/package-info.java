/**
 * In-process sentence encoders (LangChain4j's ONNX BERT models, weights inside Maven Central
 * jars): bge-small-en-v1.5 for English and bge-small-zh-v1.5 for Chinese. Input: a text; output: a
 * unit-length vector. Failure: a missing model jar or ONNX error throws at construction. Thread-safe;
 * each call runs on one thread, batches spread over an executor, recent texts are cached.
 */
package dev.kefu.intents.embed;
