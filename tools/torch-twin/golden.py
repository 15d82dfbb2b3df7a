"""Writes the golden-step fixtures that test/engine/golden/golden-step.test.ts compares the engine with.

    /usr/bin/python3 tools/torch-twin/golden.py            (Debian: apt-get install python3-torch)

For each model it starts from seeded PyTorch weights, rounded to bfloat16 so the fixture stores two
bytes a weight (both sides then start from the same exact float32 values), runs three FixMatch steps
on fresh uint8 batches and records, per step: logits, Lx, Lu, loss, pseudo-labels, confidences and
mask; every parameter's gradient; weights, momentum buffers, BN running statistics and EMA weights
after the update.

The expected values come from the twin run in float64. The same steps in float32 give PyTorch's own
float32 error for every tensor (its worst |f32 - f64| over the tensor's scale), stored beside it: the
test holds the engine to a few times that, since a deep BatchNorm net amplifies rounding from step to
step and no float32 implementation can be closer than its own rounding allows. Tensors over SKETCH_LIMIT values are stored as a sketch (SKETCH_SAMPLES values at
fixed positions plus their sum and sum of squares) to keep the WRN fixture small.
Output: test/engine/golden/fixtures/<arch>.json (index) and <arch>.bin (little-endian data).
"""
import argparse
import copy
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import twin  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'engine', 'golden', 'fixtures')
SKETCH_LIMIT = 4096
SKETCH_SAMPLES = 256
STEPS = 3

CASES = [
    # 1-channel 28x28 covers MNIST's odd strides (28 -> 14 -> 7 -> 4); 32x32x3 is CIFAR's shape.
    {'arch': 'small-cnn', 'input': [28, 28, 1], 'mean': [0.1307], 'std': [0.3081], 'labeled': 4, 'mu': 2, 'seed': 11},
    # WRN at 16x16 (stage 3 runs at 4x4) keeps the pure-JS cpu backend's three steps to seconds;
    # the full paper shape is a bench case.
    {'arch': 'wrn-28-2', 'input': [16, 16, 3], 'mean': [0.4914, 0.4822, 0.4465], 'std': [0.2471, 0.2435, 0.2616],
     'labeled': 4, 'mu': 2, 'seed': 12},
]
# The paper's step shape (64 + 2 x 448 at 32x32x3), too big to commit: `npm run bench -- golden`
# writes these into a temp folder and runs the engine against them.
PAPER_CASES = [
    {'arch': 'small-cnn', 'input': [32, 32, 3], 'mean': [0.4914, 0.4822, 0.4465], 'std': [0.2471, 0.2435, 0.2616],
     'labeled': 64, 'mu': 7, 'seed': 21},
    {'arch': 'wrn-28-2', 'input': [32, 32, 3], 'mean': [0.4914, 0.4822, 0.4465], 'std': [0.2471, 0.2435, 0.2616],
     'labeled': 64, 'mu': 7, 'seed': 22},
]
COMMON = {
    'classes': 10, 'bnMomentum': 0.9, 'leakySlope': 0.1, 'temperature': 1.0, 'lambdaU': 1.0,
    # Paper optimizer; a 4-step cosine so three steps see three learning rates.
    'lr': 0.03, 'momentum': 0.9, 'nesterov': True, 'weightDecay': 5e-4, 'totalSteps': 4, 'cosineCycles': 7 / 16,
    'emaDecay': 0.9,
}


def sketch_positions(n):
    """Fixed sample positions; the engine's test computes the same integers."""
    return [(j * 2654435761 + 12345) % n for j in range(SKETCH_SAMPLES)]


def relative_error(actual, expected):
    """Worst |actual - expected| over max |expected| (the test's measure, floored like it)."""
    a = actual.detach().to(torch.float64).reshape(-1)
    e = expected.detach().to(torch.float64).reshape(-1)
    return float((a - e).abs().max()) / max(float(e.abs().max()), 1e-8) if e.numel() else 0.0


class Writer:
    def __init__(self):
        self.chunks, self.offset, self.index = [], 0, {}

    def _blob(self, key, array, dtype, shape, extra=None):
        data = np.ascontiguousarray(array).astype(dtype).tobytes()
        self.index[key] = {'dtype': {'<f4': 'f32', '<u2': 'bf16', '|u1': 'u8', '<i4': 'i32'}[np.dtype(dtype).str],
                           'shape': list(shape), 'offset': self.offset, 'length': len(data), **(extra or {})}
        self.chunks.append(data)
        self.offset += len(data)

    def raw(self, key, array, dtype):
        self._blob(key, array, dtype, array.shape)

    def tensor(self, key, t, f32=None):
        """The float64 result t, stored as float32; large tensors as a sketch of the flat (engine-layout)
        values. f32: PyTorch's float32 result for the same tensor, whose error is stored beside it."""
        exact = t.detach().to(torch.float64).reshape(-1).numpy()
        extra = {} if f32 is None else {'torchF32Error': relative_error(f32, t)}
        flat = exact.astype(np.float32)
        if flat.size <= SKETCH_LIMIT:
            self._blob(key, flat, '<f4', list(t.shape), extra)
            return
        pos = sketch_positions(flat.size)
        self._blob(key, flat[pos], '<f4', list(t.shape),
                   {**extra, 'sketch': {'sum': float(exact.sum()), 'sumSq': float((exact * exact).sum())}})

    def bf16(self, key, t):
        bits = t.detach().to(torch.float32).contiguous().reshape(-1).numpy().view(np.uint32)
        self._blob(key, (bits >> 16).astype(np.uint16), '<u2', list(t.shape))


def round_to_bf16_(model):
    with torch.no_grad():
        for p in model.parameters():
            bits = p.detach().numpy().view(np.uint32) & np.uint32(0xFFFF0000)
            p.copy_(torch.from_numpy(bits.view(np.float32)))


def engine_state(model):
    return {n: twin.to_engine_layout(n, p.detach()) for n, p in model.named_parameters()}


def choose_threshold(conf):
    """The midpoint of the widest gap between sorted confidences in their middle half, so the
    mask keeps some and drops some and no confidence sits near the cut."""
    c = np.sort(conf)
    lo, hi = len(c) // 4, 3 * len(c) // 4
    gaps = c[lo + 1:hi + 1] - c[lo:hi]
    i = lo + int(np.argmax(gaps))
    return float(np.float32((c[i] + c[i + 1]) / 2))


def run_case(case, out_dir=OUT):
    cfg = {**COMMON, **case}
    torch.manual_seed(cfg['seed'])
    rng = np.random.RandomState(cfg['seed'])
    h, w, c = cfg['input']
    model = twin.build_model(cfg['arch'], c, cfg['classes'], cfg['bnMomentum'], cfg['leakySlope'])
    round_to_bf16_(model)
    out = Writer()
    for n, p in model.named_parameters():
        out.bf16(f'init/{n}', twin.to_engine_layout(n, p.detach()))
    for n, b in model.named_buffers():
        if not n.endswith('num_batches_tracked'):
            out.tensor(f'init/{n}', b)
    nx, nu = cfg['labeled'], cfg['labeled'] * cfg['mu']
    batches = []
    for k in range(STEPS):
        b = {'labeled': rng.randint(0, 256, size=(nx, h, w, c)).astype(np.uint8),
             'labels': rng.randint(0, cfg['classes'], size=nx).astype(np.int32),
             'weak': rng.randint(0, 256, size=(nu, h, w, c)).astype(np.uint8),
             'strong': rng.randint(0, 256, size=(nu, h, w, c)).astype(np.uint8)}
        for key, v in b.items():
            out.raw(f'step{k + 1}/batch/{key}', v, '<i4' if key == 'labels' else '|u1')
        batches.append(b)

    def tensors(b):
        norm = lambda a: twin.normalize(torch.from_numpy(a), cfg['mean'], cfg['std'])
        return norm(b['labeled']), torch.from_numpy(b['labels']).long(), norm(b['weak']), norm(b['strong'])

    # The threshold comes from a dry run of step 1 (a deep copy, so the real run starts fresh).
    probe = copy.deepcopy(model)
    with torch.no_grad():
        xl, _, uw, us = tensors(batches[0])
        logits = probe.train()(torch.cat([xl, uw, us]))
        conf = torch.softmax(logits[nx:nx + nu] / cfg['temperature'], -1).max(-1).values.numpy()
    threshold = choose_threshold(conf)

    exact = copy.deepcopy(model).double()
    opt = twin.make_optimizer(model, cfg['lr'], cfg['momentum'], cfg['nesterov'], cfg['weightDecay'])
    opt64 = twin.make_optimizer(exact, cfg['lr'], cfg['momentum'], cfg['nesterov'], cfg['weightDecay'])
    ema, ema64 = twin.ModelEma(model, cfg['emaDecay']), twin.ModelEma(exact, cfg['emaDecay'])
    margins, lrs = [], []
    for k in range(STEPS):
        lr = twin.cosine_lr(k, cfg['lr'], cfg['totalSteps'], 0, cfg['cosineCycles'])
        lrs.append(lr)
        xl, yl, uw, us = tensors(batches[k])
        args = (threshold, cfg['temperature'], cfg['lambdaU'], lr)
        r32 = twin.fixmatch_step(model, opt, ema, xl, yl, uw, us, *args)
        r = twin.fixmatch_step(exact, opt64, ema64, xl.double(), yl, uw.double(), us.double(), *args)
        if not (torch.equal(r32['pseudo'], r['pseudo']) and torch.equal(r32['mask'], r['mask'].float())):
            raise SystemExit(f"{cfg['arch']} step {k + 1}: float32 and float64 disagree on the pseudo-labels; pick another seed")
        margins.append(float((r['confidence'] - threshold).abs().min()))
        s = f'step{k + 1}'
        out.tensor(f'{s}/logits', r['logits'], r32['logits'])
        out.tensor(f'{s}/losses', torch.tensor([r['lossX'], r['lossU'], r['loss']], dtype=torch.float64),
                   torch.tensor([r32['lossX'], r32['lossU'], r32['loss']]))
        out.raw(f'{s}/pseudo', r['pseudo'].numpy(), '<i4')
        out.raw(f'{s}/mask', r['mask'].numpy(), '|u1')
        out.tensor(f'{s}/confidence', r['confidence'], r32['confidence'])
        for n, g in r['grads'].items():
            out.tensor(f'{s}/grad/{n}', twin.to_engine_layout(n, g), twin.to_engine_layout(n, r32['grads'][n]))
        e32 = engine_state(model)
        for n, p in engine_state(exact).items():
            out.tensor(f'{s}/weight/{n}', p, e32[n])
        m32 = twin.momentum_buffers(model, opt)
        for n, m in twin.momentum_buffers(exact, opt64).items():
            out.tensor(f'{s}/momentum/{n}', twin.to_engine_layout(n, m), twin.to_engine_layout(n, m32[n]))
        b32 = dict(model.named_buffers())
        for n, b in exact.named_buffers():
            if not n.endswith('num_batches_tracked'):
                out.tensor(f'{s}/buffer/{n}', b, b32[n])
        for n, p in ema64.params.items():
            out.tensor(f'{s}/ema/{n}', twin.to_engine_layout(n, p), twin.to_engine_layout(n, ema.params[n]))
        worst = max((v.get('torchF32Error', 0), key) for key, v in out.index.items() if key.startswith(s + '/'))
        print(f"{cfg['arch']} step {k + 1}: lr {lr:.6f} Lx {r['lossX']:.5f} Lu {r['lossU']:.5f} "
              f"mask {int(r['mask'].sum())}/{nu} threshold {threshold:.5f} margin {margins[-1]:.2e} "
              f"torch f32 worst {worst[0]:.1e} ({worst[1]})")
    if min(margins) < 1e-4:
        raise SystemExit(f"{cfg['arch']}: a confidence lies within {min(margins):.1e} of the threshold; pick another seed")
    meta = {
        'format': 'pseudoscope-golden', 'version': 1, 'generator': 'tools/torch-twin/golden.py',
        'torch': torch.__version__, 'arch': cfg['arch'], 'inputShape': cfg['input'], 'numClasses': cfg['classes'],
        'mean': cfg['mean'], 'std': cfg['std'], 'labeled': nx, 'unlabeled': nu, 'steps': STEPS,
        'bnMomentum': cfg['bnMomentum'], 'leakySlope': cfg['leakySlope'], 'threshold': threshold,
        'temperature': cfg['temperature'], 'lambdaU': cfg['lambdaU'], 'lr': cfg['lr'], 'lrs': lrs,
        'momentum': cfg['momentum'], 'nesterov': cfg['nesterov'], 'weightDecay': cfg['weightDecay'],
        'totalSteps': cfg['totalSteps'], 'cosineCycles': cfg['cosineCycles'], 'emaDecay': cfg['emaDecay'],
        'sketch': {'limit': SKETCH_LIMIT, 'samples': SKETCH_SAMPLES, 'position': '(j * 2654435761 + 12345) % n'},
        'params': [n for n, _ in model.named_parameters()],
        'buffers': [n for n, _ in model.named_buffers() if not n.endswith('num_batches_tracked')],
        'decay': {n: twin.decays(n) for n, _ in model.named_parameters()},
        'blobs': out.index,
    }
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, f"{cfg['arch']}.bin"), 'wb') as f:
        f.write(b''.join(out.chunks))
    with open(os.path.join(out_dir, f"{cfg['arch']}.json"), 'w') as f:
        json.dump(meta, f, indent=1)
        f.write('\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--paper', action='store_true', help="the paper's batch (for the bench), not the committed fixtures")
    ap.add_argument('--arch', help='only this model')
    ap.add_argument('--out', default=OUT)
    ap.add_argument('--threads', type=int, default=1, help='torch threads (1 keeps reductions deterministic)')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    for case in PAPER_CASES if args.paper else CASES:
        if not args.arch or case['arch'] == args.arch:
            run_case(case, args.out)


if __name__ == '__main__':
    main()
