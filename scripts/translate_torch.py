"""PyTorch peer of rnnkit's English->Korean encoder-decoder; run through scripts/bench-translate-torch.

The Java bench prepares the data and scores the output; this script only trains and decodes, so that the two
engines can be compared on the same data, the same model and the same time budget.

Usage:
    translate_torch.py --data DIR --out DIR2 [--seconds N] [--threads N]

Input (DIR, written by the Java bench):
  config.json     {"embedding", "encoderUnits", "decoderUnits", "attentionSize", "batchSize", "learningRate",
                   "clipNorm", "seconds", "maxOutputLength", "threads", "seed", "beamWidth"}; --seconds and
                  --threads override the file; a key missing from it takes the default in DEFAULTS. The file may
                  also carry the TranslatorConfig settings in OPTIONAL (sourceEos, lengthPenalty, patience, epochs,
                  maxSourceTokens, maxTargetTokens; maxOutputTokens stands for a missing maxOutputLength).
  source.vocab,   one token per line, id = 0-based line number; ids 0..3 are PAD, UNK, BOS, EOS in both.
  target.vocab
  train.ids,      one pair per line: source ids (space separated), a TAB, target ids; no BOS/EOS; either side
  valid.ids,      may be empty and such lines are kept (a test line always yields an output line).
  test.ids

Model (sizes from config.json), as rnnkit's EncoderDecoder:
  encoder     Embedding(srcV, E) -> bidirectional GRU(E, encoderUnits) through pack_padded_sequence, over the
              source ids followed by EOS (rnnkit appends it; sourceEos false leaves it out); outputs
              [B, Ts, 2*encoderUnits] (forward and backward concatenated), zero at padded steps.
  decoder 1   Embedding(tgtV, E) -> GRU(E, decoderUnits) from a zero state over BOS + target (teacher forcing);
              the encoder does not initialise any decoder state: the source reaches it only through attention.
  attention   single head, no biases: q = h1 Wq, k = enc Wk, v = enc Wv, a = softmax(q k^T / sqrt(A)) over the
              real source positions, att = (sum a v) Wo; the weights are returned (for a heat map).
  decoder 2   GRU(decoderUnits + A, decoderUnits) over concat(h1, att), zero initial state.
  output      Linear(decoderUnits, tgtV); loss = cross-entropy over the real positions of target + EOS, the
              mean over those tokens.
  Adam(learningRate), gradients clipped to a norm of clipNorm per layer (as rnnkit's ClipL2PerLayer), PyTorch's default initialisation, seeded
  with torch.manual_seed(seed) and random.seed(seed); torch.set_num_threads(threads).

Training: minibatches of batchSize pairs, reshuffled every epoch and length-bucketed as rnnkit's PairBatches
(pairs shuffled, cut into pools of BUCKET_POOL batches, each pool sorted by target then source length and cut
into batches, the batches shuffled). The budget is wall-clock time from the first batch to the end of training,
validation passes included (as rnnkit's Trainer deadline), data loading and the final decoding excluded; it is
checked after every batch. After every full epoch (and after the partial one when the budget runs out) the mean
validation loss per token is computed; the parameters of the best such point (the latest without validation
pairs) are the ones decoded with. targetTokensPerSecond is over the training steps only, validation excluded.

Decoding: from BOS, choosing among EOS and real tokens only (never PAD, UNK or BOS, as rnnkit), until EOS or
min(maxOutputLength, 3 x source tokens + 10) tokens (rnnkit's cap). beamWidth 1 is greedy, batched; a larger
width runs rnnkit's beam search per sentence, ranking finished hypotheses by log P / length^lengthPenalty (the
length counts the EOS).

Output (DIR2, created if missing):
  test.hyp.ids    one line per test pair, in order: the decoded target ids (no BOS/EOS), space separated.
  result.json     {"engine", "torchVersion", "threads", "epochs" (fractional for a partial epoch),
                   "trainSeconds", "trainTargetTokens", "targetTokensPerSecond", "bestValidLossPerToken",
                   "decodeSeconds", "parameters", "config" (the settings used)} and, to read those by, "blas",
                   "batching", "bestEpoch", "stopReason", "stepSeconds", "validSeconds", "trainPairs",
                   "validPairs", "testPairs"; also printed as the last line of stdout.
Progress goes to stderr, one line per epoch.
"""

import argparse
import ctypes
import json
import math
import os
import random
import re
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

PAD, UNK, BOS, EOS = 0, 1, 2, 3

DEFAULTS = {
    "embedding": 128, "encoderUnits": 128, "decoderUnits": 256, "attentionSize": 256, "batchSize": 32,
    "learningRate": 0.002, "clipNorm": 5.0, "seconds": 600, "maxOutputLength": 120, "threads": 1, "seed": 42,
    "beamWidth": 1,
}
# TranslatorConfig settings the bench may also write; a missing one takes the value here, which does what rnnkit
# does (EOS after the source, beams ranked by log P / length) and adds no stopping rule or length filter.
OPTIONAL = {
    "sourceEos": True,      # rnnkit's encoder reads the source ids followed by EOS
    "lengthPenalty": 1.0,   # beam hypotheses rank by log P / length^lengthPenalty (length with EOS)
    "patience": 0,          # stop after this many validations without a better loss; 0 = never
    "epochs": 0,            # most passes over the training pairs; 0 = as many as the time allows
    "maxSourceTokens": 0,   # training and validation pairs with a longer source are left out; 0 = none are
    "maxTargetTokens": 0,   # ... with a longer target; 0 = none are
}
INT_KEYS = ("embedding", "encoderUnits", "decoderUnits", "attentionSize", "batchSize", "maxOutputLength",
            "threads", "seed", "beamWidth", "patience", "epochs", "maxSourceTokens", "maxTargetTokens")

BUCKET_POOL = 50  # batches per sorting pool: less padding, while batches still mix across the epoch
EVAL_BATCH = 64   # pairs per batch for validation loss and greedy decoding


def blas_library(threads):
    """Path of the BLAS library torch loaded; an OpenBLAS one is limited to `threads` threads.

    Debian's torch is built against the generic libblas.so.3, which resolves (through update-alternatives) to the
    reference BLAS, many times slower, unless an OpenBLAS package is installed. The path goes into result.json so
    that speeds are compared knowingly. OpenBLAS starts its own thread pool, which torch.set_num_threads does not
    reach, hence the explicit limit.
    """
    try:
        with open("/proc/self/maps", encoding="utf-8") as f:
            paths = {line.split()[-1] for line in f if "/" in line}
    except OSError:
        return "unknown"
    blas = sorted(p for p in paths if re.search(r"lib(open)?blas|mkl_rt", os.path.basename(p)))
    for path in blas:
        try:
            library = ctypes.CDLL(path)
        except OSError:
            continue
        if hasattr(library, "openblas_set_num_threads"):
            library.openblas_set_num_threads(threads)
    return ", ".join(os.path.realpath(p) for p in blas) or "unknown"


def log(message):
    print("translate-torch: " + message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------- data

def read_config(data_dir, args):
    with open(os.path.join(data_dir, "config.json"), encoding="utf-8") as f:
        given = json.load(f)
    if "maxOutputLength" not in given and "maxOutputTokens" in given:
        given = dict(given, maxOutputLength=given["maxOutputTokens"])  # TranslatorConfig's name for it
    config = dict(DEFAULTS, **OPTIONAL)
    config.update(given)
    missing = sorted(set(DEFAULTS) - set(given))
    if missing:
        log("config.json lacks %s; using the defaults %s" % (
            ", ".join(missing), ", ".join("%s=%s" % (k, DEFAULTS[k]) for k in missing)))
    if args.seconds is not None:
        config["seconds"] = args.seconds
    if args.threads is not None:
        config["threads"] = args.threads
    for key in INT_KEYS:
        if config[key] != int(config[key]):
            raise SystemExit("translate-torch: config %s must be a whole number, got %r" % (key, config[key]))
        config[key] = int(config[key])
    config["learningRate"] = float(config["learningRate"])
    config["clipNorm"] = float(config["clipNorm"])
    config["seconds"] = float(config["seconds"])
    config["lengthPenalty"] = float(config["lengthPenalty"])
    config["sourceEos"] = bool(config["sourceEos"])
    return config


def within_limits(pairs, config):
    """The pairs rnnkit trains on: none longer than maxSourceTokens / maxTargetTokens (when those are set)."""
    ms, mt = config["maxSourceTokens"], config["maxTargetTokens"]
    return [(s, t) for s, t in pairs if (ms <= 0 or len(s) <= ms) and (mt <= 0 or len(t) <= mt)]


def vocab_size(path):
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last token, not an extra token
    if len(lines) < 4:
        raise SystemExit("translate-torch: %s has %d tokens; ids 0..3 (PAD, UNK, BOS, EOS) are required"
                         % (path, len(lines)))
    return len(lines)


def read_pairs(path, src_vocab, tgt_vocab):
    """Pairs (source ids, target ids) of one .ids file; every line is one pair, empty sides included."""
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    pairs = []
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if line.count("\t") != 1:
            raise SystemExit("translate-torch: %s line %d: expected one TAB between source and target ids"
                             % (path, number))
        sides = line.split("\t")
        try:
            src, tgt = ([int(t) for t in side.split()] for side in sides)
        except ValueError:
            raise SystemExit("translate-torch: %s line %d: ids must be integers" % (path, number))
        for ids, size, name in ((src, src_vocab, "source"), (tgt, tgt_vocab, "target")):
            if any(i < 0 or i >= size for i in ids):
                raise SystemExit("translate-torch: %s line %d: a %s id outside 0..%d" % (path, number, name, size - 1))
        pairs.append((src, tgt))
    return pairs


def pad(rows, width):
    """[len(rows), width] long tensor of the rows padded with PAD."""
    out = torch.full((len(rows), width), PAD, dtype=torch.long)
    for i, row in enumerate(rows):
        if row:
            out[i, :len(row)] = torch.tensor(row, dtype=torch.long)
    return out


def encoder_input(source, config):
    """The ids the encoder reads for a source: followed by EOS, as rnnkit does, unless sourceEos is off."""
    return source + [EOS] if config["sourceEos"] else source


def source_tensors(sources):
    lengths = torch.tensor([len(s) for s in sources], dtype=torch.long)
    # At least one column, so that a batch of empty sources still has a (fully masked) source axis.
    return pad(sources, max(1, int(lengths.max()))), lengths


def make_batch(pairs):
    """Source ids and lengths, decoder input (BOS + target), decoder output (target + EOS) and its lengths."""
    src, src_len = source_tensors([s for s, _ in pairs])
    width = max(len(t) for _, t in pairs) + 1
    tgt_in = pad([[BOS] + t for _, t in pairs], width)
    tgt_out = pad([t + [EOS] for _, t in pairs], width)
    tgt_len = torch.tensor([len(t) + 1 for _, t in pairs], dtype=torch.long)
    return src, src_len, tgt_in, tgt_out, tgt_len


def epoch_batches(pairs, batch_size, rng):
    """One epoch's batches: shuffled, length-bucketed within pools of BUCKET_POOL batches, batch order shuffled."""
    order = list(range(len(pairs)))
    rng.shuffle(order)
    pool = batch_size * BUCKET_POOL
    batches = []
    for start in range(0, len(order), pool):
        chunk = sorted(order[start:start + pool], key=lambda i: (len(pairs[i][1]), len(pairs[i][0])))
        batches.extend(chunk[j:j + batch_size] for j in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


# --------------------------------------------------------------------------------------------------- model

class Translator(nn.Module):
    def __init__(self, src_vocab, tgt_vocab, config):
        super().__init__()
        emb, enc, dec, att = (config[k] for k in ("embedding", "encoderUnits", "decoderUnits", "attentionSize"))
        self.attention_size = att
        self.src_embedding = nn.Embedding(src_vocab, emb)
        self.encoder = nn.GRU(emb, enc, batch_first=True, bidirectional=True)
        self.tgt_embedding = nn.Embedding(tgt_vocab, emb)
        self.decoder1 = nn.GRU(emb, dec, batch_first=True)
        self.query = nn.Linear(dec, att, bias=False)
        self.key = nn.Linear(2 * enc, att, bias=False)
        self.value = nn.Linear(2 * enc, att, bias=False)
        self.attention_out = nn.Linear(att, att, bias=False)
        self.decoder2 = nn.GRU(dec + att, dec, batch_first=True)
        self.output = nn.Linear(dec, tgt_vocab)

    def encode(self, src, src_len):
        """Keys, values [B, Ts, A] and the source mask [B, Ts] (True at real positions)."""
        steps = src.size(1)
        # pack_padded_sequence refuses length 0: an empty source runs one (PAD) step, which the mask removes.
        packed = pack_padded_sequence(self.src_embedding(src), src_len.clamp(min=1), batch_first=True,
                                      enforce_sorted=False)
        enc, _ = pad_packed_sequence(self.encoder(packed)[0], batch_first=True, total_length=steps)
        mask = torch.arange(steps).unsqueeze(0) < src_len.unsqueeze(1)
        enc = enc * mask.unsqueeze(2)
        return self.key(enc), self.value(enc), mask

    def attend(self, h1, keys, values, mask):
        """Attention output [B, Tt, A] and weights [B, Tt, Ts] of decoder-1 states h1 [B, Tt, decoderUnits]."""
        scores = torch.bmm(self.query(h1), keys.transpose(1, 2)) / math.sqrt(self.attention_size)
        # The most negative float rather than -inf, and the weights multiplied by the mask afterwards: for a
        # non-empty source this is exactly the -inf softmax (exp underflows to 0), and for an empty source it gives
        # all-zero weights (and context) instead of NaN.
        scores = scores.masked_fill(~mask.unsqueeze(1), torch.finfo(scores.dtype).min)
        weights = torch.softmax(scores, dim=2) * mask.unsqueeze(1)
        return self.attention_out(torch.bmm(weights, values)), weights

    def forward(self, src, src_len, tgt_in):
        """Logits [B, Tt, tgtV] under teacher forcing, and the attention weights [B, Tt, Ts]."""
        keys, values, mask = self.encode(src, src_len)
        # Padded target steps come after the real ones, so running the unidirectional GRUs over them leaves the
        # real steps untouched; the loss ignores them.
        h1, _ = self.decoder1(self.tgt_embedding(tgt_in))
        att, weights = self.attend(h1, keys, values, mask)
        h2, _ = self.decoder2(torch.cat([h1, att], dim=2))
        return self.output(h2), weights

    def step(self, tokens, state1, state2, keys, values, mask):
        """One decoding step for tokens [N]: logits [N, tgtV], the new states, and the weights [N, Ts]."""
        h1, state1 = self.decoder1(self.tgt_embedding(tokens).unsqueeze(1), state1)
        att, weights = self.attend(h1, keys, values, mask)
        h2, state2 = self.decoder2(torch.cat([h1, att], dim=2), state2)
        return self.output(h2.squeeze(1)), state1, state2, weights.squeeze(1)

    def layer_groups(self):
        """The parameters of each layer as rnnkit's graph has them (the four attention projections are one vertex)."""
        return [list(m.parameters()) for m in (self.src_embedding, self.encoder, self.tgt_embedding, self.decoder1,
                                               self.decoder2, self.output)] + [
            [self.query.weight, self.key.weight, self.value.weight, self.attention_out.weight]]

    def zero_states(self, n):
        size = self.decoder1.hidden_size
        return torch.zeros(1, n, size), torch.zeros(1, n, size)


def token_loss_sum(logits, tgt_out):
    """Sum of the cross-entropy over the real (non-PAD) target-output positions, and their count."""
    total = F.cross_entropy(logits.reshape(-1, logits.size(-1)), tgt_out.reshape(-1), ignore_index=PAD,
                            reduction="sum")
    return total, int((tgt_out != PAD).sum())


def validation_loss(model, pairs):
    """Mean validation loss per target-output token (EOS included); None without validation pairs."""
    if not pairs:
        return None
    model.eval()
    total, tokens = 0.0, 0
    order = sorted(range(len(pairs)), key=lambda i: (len(pairs[i][1]), len(pairs[i][0])))
    with torch.no_grad():
        for start in range(0, len(order), EVAL_BATCH):
            src, src_len, tgt_in, tgt_out, _ = make_batch([pairs[i] for i in order[start:start + EVAL_BATCH]])
            loss, count = token_loss_sum(model(src, src_len, tgt_in)[0], tgt_out)
            total += float(loss)
            tokens += count
    model.train()
    return total / tokens


# ---------------------------------------------------------------------------------------------------- training

def train(model, train_pairs, valid_pairs, config):
    """Trains within the time budget; returns the statistics and leaves the best parameters in the model."""
    optimizer = torch.optim.Adam(model.parameters(), lr=config["learningRate"])
    budget = config["seconds"]
    batches_rng = random.Random(config["seed"])
    best_loss, best_state, best_epoch = None, None, None
    since_best = 0
    tokens_done, epochs_done = 0, 0.0
    step_seconds, valid_seconds = 0.0, 0.0
    stop = None
    if not train_pairs:
        stop = "no training pairs"
        log("no training pairs: decoding with the initial parameters")
    epoch = 0
    start = time.perf_counter()
    while stop is None:
        epoch += 1
        batches = epoch_batches(train_pairs, config["batchSize"], batches_rng)
        epoch_loss, epoch_tokens, epoch_pairs, epoch_step_seconds = 0.0, 0, 0, 0.0
        for batch in batches:
            step_start = time.perf_counter()
            src, src_len, tgt_in, tgt_out, _ = make_batch([train_pairs[i] for i in batch])
            optimizer.zero_grad()
            loss_sum, count = token_loss_sum(model(src, src_len, tgt_in)[0], tgt_out)
            if not math.isfinite(float(loss_sum)):
                raise SystemExit("translate-torch: non-finite training loss in epoch %d" % epoch)
            (loss_sum / count).backward()
            # Per layer, as rnnkit's DL4J training clips (ClipL2PerLayer): each layer's gradient norm on its own.
            for group in model.layer_groups():
                nn.utils.clip_grad_norm_(group, config["clipNorm"])
            optimizer.step()
            epoch_loss += float(loss_sum)
            epoch_tokens += count
            epoch_pairs += len(batch)
            now = time.perf_counter()
            epoch_step_seconds += now - step_start
            if now - start >= budget:
                stop = "time budget"
                break
        tokens_done += epoch_tokens
        step_seconds += epoch_step_seconds
        fraction = epoch_pairs / len(train_pairs)
        epochs_done += fraction

        valid_start = time.perf_counter()
        valid = validation_loss(model, valid_pairs)
        valid_seconds += time.perf_counter() - valid_start
        # Without validation pairs there is nothing to choose by, so the latest parameters are kept.
        better = best_state is None or valid is None or valid < best_loss
        if better:
            best_loss, best_epoch, since_best = valid, round(epochs_done, 4), 0
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        else:
            since_best += 1
        if stop is None and 0 < config["patience"] <= since_best:
            stop = "patience"
        if stop is None and 0 < config["epochs"] <= epoch:
            stop = "epochs"
        log("epoch %d%s: train loss %.4f, valid loss %s, %.0f target tokens/s (training steps only)%s" % (
            epoch, "" if fraction == 1 else " (%.3f of an epoch)" % fraction,
            epoch_loss / max(1, epoch_tokens), "n/a" if valid is None else "%.4f" % valid,
            epoch_tokens / max(epoch_step_seconds, 1e-9), ", best so far" if better else ""))
    train_seconds = time.perf_counter() - start
    if stop is not None:
        log("training stopped: %s" % stop)
    if best_state is not None:
        model.load_state_dict(best_state)
    return {
        "epochs": round(epochs_done, 4),
        "trainSeconds": round(train_seconds, 3),
        "trainTargetTokens": tokens_done,
        # Over the training steps only (validation passes excluded), as rnnkit's Trainer measures its epochs.
        "targetTokensPerSecond": round(tokens_done / step_seconds, 1) if step_seconds > 0 else 0.0,
        "bestValidLossPerToken": None if best_loss is None else round(best_loss, 6),
        "bestEpoch": best_epoch,
        "stepSeconds": round(step_seconds, 3),
        "validSeconds": round(valid_seconds, 3),
        "stopReason": stop,
    }


# ---------------------------------------------------------------------------------------------------- decoding

def output_limit(source, config):
    """Most tokens a translation of the source may have: maxOutputLength, and (as in rnnkit) 3 x source + 10."""
    return min(config["maxOutputLength"], 3 * len(source) + 10)


def next_log_probs(logits):
    """Log-probabilities of the next token with PAD, UNK and BOS ruled out.

    The softmax runs over the whole vocabulary (the scores are the model's probabilities), but like rnnkit's decoder
    only EOS and real tokens may be chosen: a translation is made of known tokens and ends with EOS.
    """
    log_probs = torch.log_softmax(logits, dim=-1)
    log_probs[..., :EOS] = float("-inf")
    return log_probs


def greedy_decode(model, sources, limits):
    """Greedy outputs (target ids without BOS/EOS) of the encoder inputs, EVAL_BATCH sentences at a time."""
    outputs = [None] * len(sources)
    # Sentences of similar length together, so that a batch pads little and finishes at about the same time.
    order = sorted(range(len(sources)), key=lambda i: len(sources[i]))
    for start in range(0, len(order), EVAL_BATCH):
        chunk = order[start:start + EVAL_BATCH]
        keys, values, mask = model.encode(*source_tensors([sources[i] for i in chunk]))
        limit = torch.tensor([limits[i] for i in chunk])
        state1, state2 = model.zero_states(len(chunk))
        tokens = torch.full((len(chunk),), BOS, dtype=torch.long)
        done = limit <= 0
        steps = []
        while not bool(done.all()):
            logits, state1, state2, _ = model.step(tokens, state1, state2, keys, values, mask)
            tokens = next_log_probs(logits).argmax(dim=1)
            steps.append(tokens)
            # Rows already done keep being stepped (the batch moves together); their tokens are cut off below.
            done |= (tokens == EOS) | (len(steps) >= limit)
        emitted = torch.stack(steps, dim=1).tolist() if steps else [[] for _ in chunk]
        for i, row in zip(chunk, emitted):
            row = row[:limits[i]]
            outputs[i] = row[:row.index(EOS)] if EOS in row else row
    return outputs


def beam_decode(model, source, limit, width, alpha):
    """Beam search of one encoder input: the finished hypothesis of the best log P / length^alpha.

    As in rnnkit: each live hypothesis proposes its 2 x width best next tokens; taken best first, a candidate
    ending in EOS, or reaching the limit, is finished, otherwise it lives on, until width live or width finished;
    the search ends when width hypotheses are finished. The length counts the EOS.
    """
    if limit <= 0:
        return []
    keys, values, mask = model.encode(*source_tensors([source]))
    state1, state2 = model.zero_states(1)
    alive = [[]]                    # token lists of the live hypotheses
    scores = torch.zeros(1)         # their log-probabilities
    finished = []                   # (normalised score, tokens without EOS)
    while alive and len(finished) < width:
        last = torch.tensor([h[-1] if h else BOS for h in alive], dtype=torch.long)
        n = len(alive)
        logits, state1, state2, _ = model.step(last, state1, state2, keys.expand(n, -1, -1),
                                               values.expand(n, -1, -1), mask.expand(n, -1))
        per_beam, tokens = next_log_probs(logits).topk(min(2 * width, logits.size(1) - EOS), dim=1)
        candidates = sorted(((float(scores[b] + per_beam[b, j]), b, int(tokens[b, j]))
                             for b in range(n) for j in range(tokens.size(1))), key=lambda c: -c[0])
        keep = []
        for score, beam, token in candidates:
            if len(keep) == width or len(finished) >= width:
                break
            length = len(alive[beam]) + 1
            if token == EOS:
                finished.append((score / length ** alpha, alive[beam]))
            elif length >= limit:
                finished.append((score / length ** alpha, alive[beam] + [token]))
            else:
                keep.append((score, beam, token))
        if not keep or len(finished) >= width:
            break
        beams = torch.tensor([b for _, b, _ in keep], dtype=torch.long)
        alive = [alive[b] + [t] for _, b, t in keep]
        scores = torch.tensor([sc for sc, _, _ in keep])
        state1, state2 = state1[:, beams], state2[:, beams]
    return max(finished, key=lambda f: f[0])[1]


def decode(model, sources, limits, config):
    model.eval()
    with torch.no_grad():
        if config["beamWidth"] <= 1:
            return greedy_decode(model, sources, limits)
        return [beam_decode(model, s, n, config["beamWidth"], config["lengthPenalty"])
                for s, n in zip(sources, limits)]


# ---------------------------------------------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser(description="Trains and decodes rnnkit's encoder-decoder in PyTorch.")
    parser.add_argument("--data", required=True, help="directory written by the Java bench")
    parser.add_argument("--out", required=True, help="directory for test.hyp.ids and result.json")
    parser.add_argument("--seconds", type=float, help="training budget, overriding config.json")
    parser.add_argument("--threads", type=int, help="torch threads, overriding config.json")
    args = parser.parse_args()

    config = read_config(args.data, args)
    torch.set_num_threads(config["threads"])
    blas = blas_library(config["threads"])
    torch.manual_seed(config["seed"])
    random.seed(config["seed"])

    src_vocab = vocab_size(os.path.join(args.data, "source.vocab"))
    tgt_vocab = vocab_size(os.path.join(args.data, "target.vocab"))
    data = {name: read_pairs(os.path.join(args.data, name + ".ids"), src_vocab, tgt_vocab)
            for name in ("train", "valid", "test")}
    # The model's view of the pairs: length limits (training and validation only) and EOS after the source.
    train_pairs, valid_pairs = ([(encoder_input(s, config), t) for s, t in within_limits(data[name], config)]
                                for name in ("train", "valid"))
    log("vocabularies %d source, %d target; %d of %d train, %d of %d valid, %d test pairs; length-bucketed "
        "batches of %d; %d thread(s); %.0f s budget; BLAS %s" % (
            src_vocab, tgt_vocab, len(train_pairs), len(data["train"]), len(valid_pairs), len(data["valid"]),
            len(data["test"]), config["batchSize"], config["threads"], config["seconds"], blas))

    model = Translator(src_vocab, tgt_vocab, config)
    parameters = sum(p.numel() for p in model.parameters())
    stats = train(model, train_pairs, valid_pairs, config)

    decode_start = time.perf_counter()
    hypotheses = decode(model, [encoder_input(s, config) for s, _ in data["test"]],
                        [output_limit(s, config) for s, _ in data["test"]], config)
    decode_seconds = time.perf_counter() - decode_start
    log("decoded %d test pairs in %.1f s (%s)" % (len(hypotheses), decode_seconds,
                                                  "greedy" if config["beamWidth"] <= 1
                                                  else "beam width %d" % config["beamWidth"]))

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "test.hyp.ids"), "w", encoding="utf-8", newline="\n") as f:
        f.writelines(" ".join(map(str, h)) + "\n" for h in hypotheses)
    result = {
        "engine": "pytorch",
        "torchVersion": torch.__version__,
        "threads": config["threads"],
        "epochs": stats["epochs"],
        "trainSeconds": stats["trainSeconds"],
        "trainTargetTokens": stats["trainTargetTokens"],
        "targetTokensPerSecond": stats["targetTokensPerSecond"],
        "bestValidLossPerToken": stats["bestValidLossPerToken"],
        "decodeSeconds": round(decode_seconds, 3),
        "parameters": parameters,
        "config": config,
        # Not in the bench's contract; there to read the numbers above by.
        "blas": blas,
        "batching": "shuffled, length-bucketed (sorted by target then source length within pools of %d batches)"
                    % BUCKET_POOL,
        "bestEpoch": stats["bestEpoch"],
        "stopReason": stats["stopReason"],
        "stepSeconds": stats["stepSeconds"],
        "validSeconds": stats["validSeconds"],
        "trainPairs": len(train_pairs),
        "validPairs": len(valid_pairs),
        "testPairs": len(hypotheses),
    }
    line = json.dumps(result)
    with open(os.path.join(args.out, "result.json"), "w", encoding="utf-8") as f:
        f.write(line + "\n")
    print(line, flush=True)


if __name__ == "__main__":
    main()
