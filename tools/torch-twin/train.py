"""The twin's training run with K's data pipeline, for the parity study (bench/parity.bench.ts): FixMatch
as K's train.py, FlexMatch, FreeMatch, SoftMatch and Pseudo-Label as USB's train_step (usb_step.py).

    /usr/bin/python3 tools/torch-twin/train.py --data DIR --config FILE --labeled NPY --seed N --out FILE

DIR holds train_images.npy [N, H, W, C] uint8, train_labels.npy, test_images.npy, test_labels.npy and
dataset.json (mean, std, flip, numClasses); NPY the labeled train indices of the split; FILE the
engine's experiment config (JSON).
K's semantics throughout: the labeled list expanded to batch x evalInterval and shuffled, RandomSampler
with drop_last for both loaders (a fresh permutation per epoch), weak/strong views from k_augment,
one joint forward per step, evaluation of the raw and EMA models in eval mode.
Writes one JSON object a line: {"step", "lossX", "lossU", "plAccAll", "maskRate", "plAccMasked",
"classPseudo"} per step (maskRate the mean weight, plAccMasked weighted, as the engine's diagnostics) and
{"step", "testAcc", "emaTestAcc"} per evaluation. The true labels of the unlabeled batch are read for
those diagnostics only. Pseudo-Label forwards no strong view, so none is drawn.
"""
import argparse
import json
import math
import os
import random
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import k_augment  # noqa: E402
import twin  # noqa: E402
import usb_step  # noqa: E402


def epochs(indices, batch):
    """RandomSampler + drop_last, forever."""
    while True:
        perm = indices[torch.randperm(len(indices)).numpy()]
        for i in range(0, len(perm) - batch + 1, batch):
            yield perm[i:i + batch]


@torch.no_grad()
def evaluate(model, images, labels, mean, std, batch=256):
    model.eval()
    correct = 0
    for i in range(0, len(images), batch):
        logits = model(twin.normalize(torch.from_numpy(images[i:i + batch]), mean, std))
        correct += int((logits.argmax(-1) == torch.from_numpy(labels[i:i + batch]).long()).sum())
    model.train()
    return correct / len(images)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', required=True)
    ap.add_argument('--config', required=True)
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--labeled', required=True, help='labeled train indices (.npy)')
    ap.add_argument('--out', required=True)
    ap.add_argument('--threads', type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    cfg = json.load(open(args.config))
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    load = lambda name: np.load(os.path.join(args.data, name))
    train_x, train_y, test_x, test_y = load('train_images.npy'), load('train_labels.npy'), load('test_images.npy'), load('test_labels.npy')
    labeled = np.load(args.labeled).astype(np.int64)
    meta = json.load(open(os.path.join(args.data, 'dataset.json')))
    mean, std, flip = meta['mean'], meta['std'], meta['flip']
    b, mu, steps = cfg['batch']['labeled'], cfg['batch']['mu'], cfg['steps']
    if cfg['split']['expandLabels'] or len(labeled) < b:
        labeled = np.hstack([labeled] * math.ceil(b * cfg['evalInterval'] / len(labeled)))
    np.random.shuffle(labeled)
    unlabeled = np.arange(len(train_y)) if not cfg['split']['excludeLabeledFromUnlabeled'] else \
        np.setdiff1d(np.arange(len(train_y)), labeled)
    h, w, c = train_x.shape[1:]
    classes = int(meta['numClasses'])
    model = twin.build_model(cfg['model']['arch'], c, classes, cfg['model']['bnMomentum'], cfg['model']['leakySlope'])
    o = cfg['optimizer']
    opt = twin.make_optimizer(model, o['lr'], o['momentum'], o['nesterov'], o['weightDecay'])
    ema = twin.ModelEma(model, cfg['ema']['decay']) if cfg['ema']['enabled'] else None
    ema_model = twin.build_model(cfg['model']['arch'], c, classes, cfg['model']['bnMomentum'], cfg['model']['leakySlope'])
    a, sched = cfg['algorithm'], cfg['schedule']
    algo = usb_step.make_algorithm(a['name'], classes, threshold=a['threshold'], temperature=a['temperature'],
                                   ulb_dest_len=len(unlabeled), ema_p=a['emaMomentum'], fairness_weight=a['fairnessWeight'],
                                   n_sigma=a['nSigma'], unsup_warm_up=a['unsupWarmup'], num_train_iter=steps)
    step = usb_step.step_fn(algo)
    # Positions in the unlabeled set, as the engine's sampler hands FlexMatch (U idx_ulb).
    lx_iter, u_iter = epochs(labeled, b), epochs(np.arange(len(unlabeled)), b * mu)
    out = open(args.out, 'w')
    for k in range(steps):
        li, upos = next(lx_iter), next(u_iter)
        ui = unlabeled[upos]
        xl = np.stack([k_augment.weak(train_x[i], flip) for i in li])
        uw = np.stack([k_augment.weak(train_x[i], flip) for i in ui])
        us = uw if a['name'] == 'pseudolabel' else np.stack([k_augment.strong(train_x[i], flip) for i in ui])
        norm = lambda x: twin.normalize(torch.from_numpy(x), mean, std)
        lr = twin.cosine_lr(k, o['lr'], steps, sched['warmupSteps'], sched['cosineCycles']) if sched['name'] == 'cosine' else o['lr']
        r = step(model, opt, ema, norm(xl), torch.from_numpy(train_y[li]).long(), norm(uw), norm(us),
                 torch.from_numpy(upos).long(), a['lambdaU'], lr, k)
        truth = torch.from_numpy(train_y[ui]).long()
        right = (r['pseudo'] == truth).float()
        weight = r.get('weight', r['mask']).float()
        used = float(weight.sum())
        out.write(json.dumps({'step': k + 1, 'lossX': r['lossX'], 'lossU': r['lossU'],
                              'plAccAll': float(right.mean()), 'maskRate': used / len(ui),
                              'plAccMasked': float((weight * right).sum()) / used if used > 0 else None,
                              'classPseudo': torch.bincount(r['pseudo'], minlength=classes).tolist()}) + '\n')
        if (k + 1) % cfg['evalInterval'] == 0 or k + 1 == steps:
            record = {'step': k + 1, 'testAcc': evaluate(model, test_x, test_y, mean, std), 'emaTestAcc': None}
            if ema is not None:
                state = {**ema.params, **ema.buffers}
                ema_model.load_state_dict(state, strict=False)
                record['emaTestAcc'] = evaluate(ema_model, test_x, test_y, mean, std)
            out.write(json.dumps(record) + '\n')
            out.flush()
    out.close()


if __name__ == '__main__':
    main()
