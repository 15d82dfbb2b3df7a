"""Golden-step fixtures for USB's FlexMatch, FreeMatch, SoftMatch, Pseudo-Label, Dash, AdaMatch, UDA, DeFixMatch,
Pi-Model and Mean Teacher (usb_step.py), as
golden.py writes FixMatch's: three steps from bfloat16-rounded seeded weights on random uint8 batches,
expected values from the float64 run, PyTorch's float32 error beside each tensor. Besides the step it
stores each algorithm's state after the step (FlexMatch selected_label and classwise_acc; FreeMatch
tau_t, p~ and h~, with the fairness loss among the losses; SoftMatch p_model, mu and sigma^2; Dash rho_init,
rho and its update count, through a soft and a hard step; AdaMatch p_model, p_target and the cutoff; UDA has
none, its TSA schedule cutting the labeled batch; DeFixMatch has none and stores its anti term (lossAnti), the
labeled batch's mask_lb (maskLabeled) and anti pseudo-labels, on the labeled strong view batch/labeledStrong; Pi-Model and Mean Teacher have none and no mask, their batch's
"strong" images standing for the second weak view, Mean Teacher's teacher being the stored EMA of the step before), the
rule's per-sample weights and the batch's positions in a small unlabeled set (FlexMatch's
per-sample state).

    /usr/bin/python3 tools/torch-twin/golden_algorithms.py [--algorithm NAME]

Output: test/engine/golden/fixtures/small-cnn-<algorithm>.json and .bin.
"""
import argparse
import copy
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden  # noqa: E402
import twin  # noqa: E402
import usb_step  # noqa: E402

ALGORITHMS = ['flexmatch', 'freematch', 'softmatch', 'pseudolabel', 'dash', 'adamatch', 'uda', 'defixmatch', 'pimodel', 'meanteacher']
CASE = {'arch': 'small-cnn', 'input': [28, 28, 1], 'mean': [0.1307], 'std': [0.3081], 'labeled': 4, 'mu': 3,
        'unlabeledSet': 12}
# FlexMatch selects most of a batch at step 1, so a class's beta reaches 1 and its threshold cuts at
# step 2; Pseudo-Label keeps most of its batch through the warm-up.
CUT_RANGE = {'flexmatch': (0.1, 0.4), 'pseudolabel': (0.1, 0.4)}
FC_SCALE = 6.0
# softmatch: seed 33's step 3 put a layer-1 activation 5.5e-6 from LeakyReLU's kink; webgpu's BatchNorm
# rounding crossed it, moving bn1.bias's gradient by 1.1e-3 of its scale (what that flip does in float64).
SEEDS = {'flexmatch': 31, 'freematch': 44, 'softmatch': 35, 'pseudolabel': 34, 'dash': 36, 'adamatch': 37, 'uda': 38,
         'defixmatch': 39}
# ema_p far below USB's 0.999 and a fairness weight far above its 0.001, so three steps move the
# state and the fairness loss's gradient is well above the tolerance (a wrong one would show).
EXTRAS = {'emaP': 0.7, 'fairnessWeight': 0.5, 'nSigma': 2, 'unsupWarmup': 0.4}
# Dash: rho updates at steps 1 and 3 (it 0 and 2); gamma so large that step 3 falls to rho_min (hard labels).
# C and rho_min come from the dry step 1 so that both the soft and the hard mask cut the batch.
DASH = {'T': 0.5, 'gamma': 1000.0, 'rho_interval': 2}
# UDA: USB's T; TSA 'log' over the fixture's 4 steps cuts at 0.1, 0.742 and 0.926 (10 classes).
UDA = {'T': 0.4, 'tsa_schedule': 'log'}
# DeFixMatch: seed 39's threshold cuts the unlabeled batch (4, 10, 10 of 12) and the labeled one (2, 1, 3 of 4).
# Pi-Model and Mean Teacher: USB's lambda_u (config/classic_cv/pimodel, meanteacher), so the MSE consistency's
# gradient stands well above the tolerance; no mask, so no threshold (0: every target counts).
LAMBDA_U = {'pimodel': 10.0, 'meanteacher': 50.0}
NO_MASK = ('pimodel', 'meanteacher')
SEEDS.update(pimodel=41, meanteacher=42)

# region ema-threshold-fixture
# emathreshold, the guide's example (docs/guide/your-algorithm.md; not USB's): its floor and ceiling are cuts
# of the dry step's confidences. Seed 44 masks step 1 at the ceiling 0.923 (where the EMA starts), step 2 at
# the EMA between them (0.880) and step 3 at the floor 0.827 (the EMA, 0.826, fell just below it); seed 40
# did too, but wasm's own convolutions (without oneDNN) missed its step-3 gradients by 1e-2 of their scale.
ALGORITHMS += ['emathreshold']
SEEDS['emathreshold'] = 44
EMA_THRESHOLD_CUTS = {'floor': (0.35, 0.6), 'ceiling': (0.6, 0.9)}
# endregion ema-threshold-fixture


def choose_threshold(conf, lo, hi):
    """golden.choose_threshold over the [lo, hi) quantiles of the sorted confidences."""
    c = np.sort(conf)
    a, b = int(len(c) * lo), int(len(c) * hi)
    i = a + int(np.argmax(c[a + 1:b + 1] - c[a:b]))
    return float(np.float32((c[i] + c[i + 1]) / 2))


def make(name, cfg, threshold, dtype, dash=None, floor=0.0):
    uda = UDA if name == 'uda' else None
    ema_threshold = {'floor': floor} if name == 'emathreshold' else None
    return usb_step.make_algorithm(name, cfg['classes'], threshold=threshold, ulb_dest_len=cfg['unlabeledSet'],
                                   ema_p=EXTRAS['emaP'], fairness_weight=EXTRAS['fairnessWeight'],
                                   n_sigma=EXTRAS['nSigma'], unsup_warm_up=EXTRAS['unsupWarmup'],
                                   num_train_iter=cfg['totalSteps'], dtype=dtype, dash=dash, uda=uda,
                                   ema_threshold=ema_threshold)


def cuts(algo, r):
    """Per sample, the values its rule compared the rule confidence with (for the margin check)."""
    if algo.name == 'flexmatch':
        return [algo.pre_thresholds[r['pseudo']], torch.full_like(r['ruleConfidence'], algo.p_cutoff)]
    if algo.name == 'freematch':
        return [algo.masking.thresholds()[r['pseudo']]]
    if algo.name == 'softmatch':
        return [algo.masking.prob_max_mu_t.expand_as(r['ruleConfidence'])]
    if algo.name == 'adamatch':
        return [algo.masking.cutoff.expand_as(r['ruleConfidence'])]
    if algo.name == 'dash':
        return [torch.full_like(r['ruleConfidence'], algo.rule_cut)]
    if algo.name == 'emathreshold':
        return [torch.full_like(r['ruleConfidence'], float(algo.masking.cut))]
    return [torch.full_like(r['ruleConfidence'], algo.p_cutoff)]


def run_case(name, out_dir=golden.OUT):
    cfg = {**golden.COMMON, **CASE, 'seed': SEEDS[name], **({'lambdaU': LAMBDA_U[name]} if name in LAMBDA_U else {})}
    torch.manual_seed(cfg['seed'])
    rng = np.random.RandomState(cfg['seed'])
    h, w, c = cfg['input']
    model = twin.build_model(cfg['arch'], c, cfg['classes'], cfg['bnMomentum'], cfg['leakySlope'])
    with torch.no_grad():
        # Confident logits from the start: every max softmax is at least 1/C, so at init's spread
        # no class-wise threshold (tau * M(beta), tau_t * p~_c / max p~) would ever cut a sample.
        model.fc.weight.mul_(FC_SCALE)
    golden.round_to_bf16_(model)
    out = golden.Writer()
    for n, p in model.named_parameters():
        out.bf16(f'init/{n}', twin.to_engine_layout(n, p.detach()))
    for n, b in model.named_buffers():
        if not n.endswith('num_batches_tracked'):
            out.tensor(f'init/{n}', b)
    nx, nu = cfg['labeled'], cfg['labeled'] * cfg['mu']
    batches = []
    for k in range(golden.STEPS):
        b = {'labeled': rng.randint(0, 256, size=(nx, h, w, c)).astype(np.uint8),
             'labels': rng.randint(0, cfg['classes'], size=nx).astype(np.int32),
             'weak': rng.randint(0, 256, size=(nu, h, w, c)).astype(np.uint8),
             'strong': rng.randint(0, 256, size=(nu, h, w, c)).astype(np.uint8),
             # The whole small unlabeled set in a new order each step: FlexMatch reselects every sample.
             'positions': rng.choice(cfg['unlabeledSet'], nu, replace=False).astype(np.int32)}
        if name == 'defixmatch':
            # DeFixMatch's strong view of the labeled batch (x_lb_s), drawn after the others.
            b['labeledStrong'] = rng.randint(0, 256, size=(nx, h, w, c)).astype(np.uint8)
        for key, v in b.items():
            out.raw(f'step{k + 1}/batch/{key}', v, '<i4' if key in ('labels', 'positions') else '|u1')
        batches.append(b)

    def norm_of(dtype):
        return lambda a: twin.normalize(torch.from_numpy(a), cfg['mean'], cfg['std']).to(dtype)

    def labeled_strong(b, dtype):
        return {'xl_s': norm_of(dtype)(b['labeledStrong'])} if 'labeledStrong' in b else {}

    def tensors(b, dtype):
        norm = norm_of(dtype)
        return norm(b['labeled']), torch.from_numpy(b['labels']).long(), norm(b['weak']), norm(b['strong']), \
            torch.from_numpy(b['positions']).long()

    # The threshold: from a dry step 1 on copies (FlexMatch's selection and Pseudo-Label's mask read it).
    probe = copy.deepcopy(model)
    popt = twin.make_optimizer(probe, 0.0, cfg['momentum'], cfg['nesterov'], cfg['weightDecay'])
    dry = {**DASH, 'C': 1.0, 'rho_min': 1e-9} if name == 'dash' else None
    pr = usb_step.ssl_step(make(name, cfg, 0.5, torch.float32, dry), probe, popt, None, *tensors(batches[0], torch.float32),
                           cfg['lambdaU'], 0.0, 0, **labeled_strong(batches[0], torch.float32))
    threshold = choose_threshold(pr['ruleConfidence'].numpy(), *CUT_RANGE.get(name, (0.25, 0.75)))
    dash = None
    if name in NO_MASK:
        threshold = 0.0
    floor = 0.0
    if name == 'emathreshold':
        floor = choose_threshold(pr['confidence'].numpy(), *EMA_THRESHOLD_CUTS['floor'])
        threshold = choose_threshold(pr['confidence'].numpy(), *EMA_THRESHOLD_CUTS['ceiling'])
    if name == 'adamatch':
        # The cut is p_cutoff times the labeled batch's mean max probability.
        threshold = float(np.float32(threshold / float(torch.softmax(pr['logits'][:nx], dim=-1).max(dim=-1)[0].mean())))
    if name == 'dash':
        # Soft phase: rho = C rho_init at the chosen loss; hard phase: rho_min at a cut of the confidences.
        rho_min = -float(np.log(choose_threshold(pr['confidence'].numpy(), 0.25, 0.75)))
        dash = {**DASH, 'C': -float(np.log(threshold)) / pr['lossX'], 'rho_min': rho_min}
        if rho_min >= dash['C'] * pr['lossX']:
            raise SystemExit('dash: rho_min is not below rho at step 1; pick another seed')

    exact = copy.deepcopy(model).double()
    opt = twin.make_optimizer(model, cfg['lr'], cfg['momentum'], cfg['nesterov'], cfg['weightDecay'])
    opt64 = twin.make_optimizer(exact, cfg['lr'], cfg['momentum'], cfg['nesterov'], cfg['weightDecay'])
    ema, ema64 = twin.ModelEma(model, cfg['emaDecay']), twin.ModelEma(exact, cfg['emaDecay'])
    algo, algo64 = make(name, cfg, threshold, torch.float32, dash, floor), make(name, cfg, threshold, torch.float64, dash, floor)
    margins, lrs = [], []
    for k in range(golden.STEPS):
        lr = twin.cosine_lr(k, cfg['lr'], cfg['totalSteps'], 0, cfg['cosineCycles'])
        lrs.append(lr)
        if name == 'flexmatch':
            algo64.pre_thresholds = algo64.masking.thresholds().clone()
        r32 = usb_step.ssl_step(algo, model, opt, ema, *tensors(batches[k], torch.float32), cfg['lambdaU'], lr, k,
                                **labeled_strong(batches[k], torch.float32))
        r = usb_step.ssl_step(algo64, exact, opt64, ema64, *tensors(batches[k], torch.float64), cfg['lambdaU'], lr, k,
                              **labeled_strong(batches[k], torch.float64))
        same = torch.equal(r32['pseudo'], r['pseudo']) and torch.equal(r32['mask'].double(), r['mask'])
        if name == 'defixmatch':
            same = same and torch.equal(algo.anti['antiPseudo'], algo64.anti['antiPseudo']) and \
                torch.equal(algo.anti['maskLabeled'].double(), algo64.anti['maskLabeled'])
        if name == 'flexmatch':
            same = same and torch.equal(r32['state']['selected'], r['state']['selected'])
        if not same:
            raise SystemExit(f'{name} step {k + 1}: float32 and float64 disagree on the pseudo-labels; pick another seed')
        margins.append(min(float((r['ruleConfidence'] - cut).abs().min()) for cut in cuts(algo64, r)))
        if name == 'uda':
            margins[-1] = min(margins[-1], algo64.tsa_margin)
        if name in NO_MASK:
            margins[-1] = algo64.argmax_margin
        if name == 'defixmatch':
            # The labeled batch's mask_lb cuts at the same p_cutoff.
            margins[-1] = min(margins[-1], float((algo64.anti['labeledConfidence'] - threshold).abs().min()))
        s = f'step{k + 1}'
        losses = [r['lossX'], r['lossU'], r['lossFairness'] or 0.0, r['loss']]
        losses32 = [r32['lossX'], r32['lossU'], r32['lossFairness'] or 0.0, r32['loss']]
        out.tensor(f'{s}/logits', r['logits'], r32['logits'])
        out.tensor(f'{s}/losses', torch.tensor(losses, dtype=torch.float64), torch.tensor(losses32))
        out.raw(f'{s}/pseudo', r['pseudo'].numpy(), '<i4')
        out.raw(f'{s}/mask', r['mask'].numpy().astype(np.uint8), '|u1')
        out.tensor(f'{s}/confidence', r['confidence'], r32['confidence'])
        if name == 'defixmatch':
            # The anti term (anti_unsup_loss, in the total) and the labeled batch's mask_lb and anti labels.
            out.tensor(f'{s}/lossAnti', algo64.anti['lossAnti'].detach().reshape(1), algo.anti['lossAnti'].detach().reshape(1))
            out.raw(f'{s}/maskLabeled', algo64.anti['maskLabeled'].numpy().astype(np.uint8), '|u1')
            out.raw(f'{s}/antiPseudo', algo64.anti['antiPseudo'].numpy(), '<i4')
        out.tensor(f'{s}/ruleWeight', r['weight'], r32['weight'])
        for key, v in r['state'].items():
            if key == 'selected':
                out.raw(f'{s}/state/{key}', v.numpy(), '<i4')
            else:
                out.tensor(f'{s}/state/{key}', v, r32['state'][key])
        for n, g in r['grads'].items():
            out.tensor(f'{s}/grad/{n}', twin.to_engine_layout(n, g), twin.to_engine_layout(n, r32['grads'][n]))
        e32 = golden.engine_state(model)
        for n, p in golden.engine_state(exact).items():
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
        state = ', '.join(f'{key} {v.numpy().round(4).tolist()}' for key, v in r['state'].items() if key != 'selected')
        if name == 'defixmatch':
            state = f"anti {float(algo64.anti['lossAnti']):.5f} labeled counted {int(algo64.anti['maskLabeled'].sum())}/{nx}"
        print(f"{name} step {k + 1}: lr {lr:.5f} Lx {r['lossX']:.5f} Lu {r['lossU']:.5f} Lf {r['lossFairness']} "
              f"counted {int(r['mask'].sum())}/{nu} threshold {threshold:.5f} margin {margins[-1]:.2e} {state}")
    if min(margins) < 1e-4:
        raise SystemExit(f'{name}: a rule confidence lies within {min(margins):.1e} of its cut; pick another seed')
    meta = {
        'format': 'pseudoscope-golden', 'version': 1, 'generator': 'tools/torch-twin/golden_algorithms.py',
        'torch': torch.__version__, 'algorithm': name, 'arch': cfg['arch'], 'inputShape': cfg['input'],
        'numClasses': cfg['classes'], 'mean': cfg['mean'], 'std': cfg['std'], 'labeled': nx, 'unlabeled': nu,
        'unlabeledSet': cfg['unlabeledSet'], 'steps': golden.STEPS, 'bnMomentum': cfg['bnMomentum'],
        'leakySlope': cfg['leakySlope'], 'threshold': threshold, 'temperature': cfg['temperature'],
        'lambdaU': cfg['lambdaU'], **EXTRAS, **(dash_meta(dash) if dash else {}),
        **({'udaTemperature': UDA['T'], 'tsaSchedule': UDA['tsa_schedule']} if name == 'uda' else {}),
        **({'thresholdFloor': floor} if name == 'emathreshold' else {}), 'lr': cfg['lr'], 'lrs': lrs, 'momentum': cfg['momentum'],
        'nesterov': cfg['nesterov'], 'weightDecay': cfg['weightDecay'], 'totalSteps': cfg['totalSteps'],
        'cosineCycles': cfg['cosineCycles'], 'emaDecay': cfg['emaDecay'],
        'sketch': {'limit': golden.SKETCH_LIMIT, 'samples': golden.SKETCH_SAMPLES, 'position': '(j * 2654435761 + 12345) % n'},
        'params': [n for n, _ in model.named_parameters()],
        'buffers': [n for n, _ in model.named_buffers() if not n.endswith('num_batches_tracked')],
        'decay': {n: twin.decays(n) for n, _ in model.named_parameters()},
        'blobs': out.index,
    }
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, f"{cfg['arch']}-{name}.bin"), 'wb') as f:
        f.write(b''.join(out.chunks))
    with open(os.path.join(out_dir, f"{cfg['arch']}-{name}.json"), 'w') as f:
        json.dump(meta, f, indent=1)
        f.write('\n')


def dash_meta(dash):
    """Dash's settings in the engine's names (DashSettings)."""
    return {'sharpenTemperature': dash['T'], 'gamma': dash['gamma'], 'rhoC': dash['C'], 'rhoMin': dash['rho_min'],
            'rhoInterval': dash['rho_interval']}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--algorithm', choices=ALGORITHMS, help='only this algorithm')
    ap.add_argument('--out', default=golden.OUT)
    args = ap.parse_args()
    torch.set_num_threads(1)
    for name in ALGORITHMS:
        if not args.algorithm or name == args.algorithm:
            run_case(name, args.out)


if __name__ == '__main__':
    main()
