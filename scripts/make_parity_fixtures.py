"""Writes rnnkit-nn's PyTorch parity fixtures; run through scripts/make-parity-fixtures.

Each fixture is one small torch.nn.GRU, LSTM or RNN (tanh) with seeded random weights (PyTorch's own
initialisation), run on a fixed padded batch through pack_padded_sequence (ragged lengths, as rnnkit's
masks mean), with:
  - state_dict: every parameter under its PyTorch name (weight_ih_l0, bias_hh_l1_reverse, ...);
  - input: the padded batch as the module read it ([batch, time, features] with batch_first, else
    [time, batch, features]); the padded steps hold random values, which the module must ignore;
  - lengths: valid steps of each sequence;
  - output: pad_packed_sequence's output (zeros at padded steps), in the input's layout;
  - h_n (and c_n for the LSTM): [num_layers * directions, batch, hidden];
  - loss_weights R, in the output's layout, and the loss sum(output * R);
  - grad: d loss / d input and d loss / d every parameter (PyTorch names and shapes).
Weights, inputs and R are float32 values (written with 9 significant digits, so they read back exactly
as float32); the module runs in float64 on them, and results are written with 12 significant digits.
"""

import os
import sys

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

INPUT_SIZE = 5
HIDDEN = 4
BATCH = 4
STEPS = 6
LENGTHS = [6, 3, 5, 1]  # unsorted on purpose: enforce_sorted=False

# (module, layers, bidirectional, batch_first): every kind with 1 and 2 layers, one and two directions,
# and both input layouts.
CASES = [
    (kind, layers, bidirectional, batch_first)
    for kind in ("gru", "lstm", "rnn")
    for layers, bidirectional, batch_first in ((1, False, False), (1, True, True), (2, False, True), (2, True, False))
]

MODULES = {"gru": torch.nn.GRU, "lstm": torch.nn.LSTM, "rnn": torch.nn.RNN}


def name(kind, layers, bidirectional, batch_first):
    return "%s_%dlayer%s%s" % (kind, layers, "_bidirectional" if bidirectional else "",
                               "_batch_first" if batch_first else "")


def f32(v):
    return "%.9g" % v


def f64(v):
    return "%.12g" % v


def fmt(value, num):
    if isinstance(value, list):
        return "[" + ",".join(fmt(v, num) for v in value) + "]"
    return num(value)


def tensor(t, num):
    return fmt(t.detach().tolist(), num)


def make(seed, kind, layers, bidirectional, batch_first, package):
    torch.manual_seed(seed)
    module = MODULES[kind](INPUT_SIZE, HIDDEN, num_layers=layers, bidirectional=bidirectional,
                           batch_first=batch_first)
    dirs = 2 if bidirectional else 1
    x32 = torch.randn(BATCH, STEPS, INPUT_SIZE)
    r32 = torch.randn(BATCH, STEPS, dirs * HIDDEN)
    if not batch_first:
        x32 = x32.transpose(0, 1).contiguous()
        r32 = r32.transpose(0, 1).contiguous()
    module = module.double()
    x = x32.double().requires_grad_(True)
    r = r32.double()

    packed = pack_padded_sequence(x, torch.tensor(LENGTHS), batch_first=batch_first, enforce_sorted=False)
    packed_out, state = module(packed)
    out, _ = pad_packed_sequence(packed_out, batch_first=batch_first, total_length=STEPS)
    loss = (out * r).sum()
    loss.backward()
    h_n, c_n = state if kind == "lstm" else (state, None)

    layout = "[batch, time, features]" if batch_first else "[time, batch, features]"
    entries = [
        ("description", '"%s"' % ("torch.nn.%s(%d, %d, num_layers=%d, bidirectional=%s, batch_first=%s)%s "
                                  "on a padded batch through pack_padded_sequence; loss = sum(output * loss_weights)"
                                  % (MODULES[kind].__name__, INPUT_SIZE, HIDDEN, layers, bidirectional, batch_first,
                                     ", nonlinearity='tanh'" if kind == "rnn" else ""))),
        ("torch_version", '"%s (Debian %s)"' % (torch.__version__, package)),
        ("generator", '"scripts/make-parity-fixtures"'),
        ("seed", str(seed)),
        ("module", '"%s"' % kind),
        ("input_size", str(INPUT_SIZE)),
        ("hidden_size", str(HIDDEN)),
        ("num_layers", str(layers)),
        ("bidirectional", "true" if bidirectional else "false"),
        ("batch_first", "true" if batch_first else "false"),
        ("layout", '"%s"' % layout),
        ("lengths", fmt(LENGTHS, str)),
        ("input", tensor(x32, f32)),
        ("loss_weights", tensor(r32, f32)),
        ("state_dict", "{\n" + ",\n".join('  "%s": %s' % (k, tensor(v.float(), f32))
                                          for k, v in module.state_dict().items()) + "\n}"),
        ("output", tensor(out, f64)),
        ("h_n", tensor(h_n, f64)),
    ]
    if c_n is not None:
        entries.append(("c_n", tensor(c_n, f64)))
    grads = [("input", x.grad)] + [(k, p.grad) for k, p in module.named_parameters()]
    entries.append(("loss", f64(loss.item())))
    entries.append(("grad", "{\n" + ",\n".join('  "%s": %s' % (k, tensor(g, f64)) for k, g in grads) + "\n}"))
    return "{\n" + ",\n".join('"%s": %s' % (k, v) for k, v in entries) + "\n}\n"


def main():
    out_dir, package = sys.argv[1], sys.argv[2]
    torch.set_num_threads(1)
    for i, case in enumerate(CASES):
        path = os.path.join(out_dir, name(*case) + ".json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(make(20240 + i, *case, package))
        print("make-parity-fixtures: wrote %s (%d bytes)" % (os.path.relpath(path), os.path.getsize(path)))


if __name__ == "__main__":
    main()
