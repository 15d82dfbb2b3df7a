"""One training step of each algorithm, as USB's train_step runs it (semilearn/algorithms/<name>/<name>.py),
on the twin's model, optimizer and EMA (twin.py). FixMatch stays K's (twin.fixmatch_step).

    algo = make_algorithm('freematch', num_classes=10, ...)   # holds the hooks' state
    r = ssl_step(algo, model, optimizer, ema, xl, yl, uw, us, idx_ulb, lambda_u, lr, it)

it is USB's self.it: 0 at the first step. Returns what the golden fixtures compare: logits, the losses,
pseudo-labels, confidences (max softmax of the weak logits), the rule's weights and which samples count
(the engine's mask: weight 1, or for SoftMatch's weights the aligned confidence at or above mu), the
gradients before the update, and the hooks' state after the step.
"""
import numpy as np
import torch
import torch.nn.functional as F

import twin
import usb_hooks


class Algorithm:
    def __init__(self, name, **kw):
        self.name = name
        self.__dict__.update(kw)


def make_algorithm(name, num_classes, threshold=0.95, temperature=1.0, ulb_dest_len=0, ema_p=0.999,
                   fairness_weight=0.001, n_sigma=2, unsup_warm_up=0.4, num_train_iter=1, dtype=torch.float32,
                   dash=None, uda=None, ema_threshold=None):
    a = Algorithm(name, p_cutoff=threshold, T=temperature, num_train_iter=num_train_iter, unsup_warm_up=unsup_warm_up)
    if name == 'flexmatch':
        a.masking = usb_hooks.FlexMatchThresholdingHook(threshold, ulb_dest_len, num_classes, dtype)
    elif name == 'freematch':
        a.masking = usb_hooks.FreeMatchThresholingHook(num_classes, ema_p, dtype)
        a.lambda_e = fairness_weight
    elif name == 'softmatch':
        a.dist_align = usb_hooks.DistAlignEMAHook(num_classes, ema_p, dtype)
        a.masking = usb_hooks.SoftMatchWeightingHook(num_classes, n_sigma, ema_p, dtype)
    elif name == 'adamatch':
        # U adamatch.py set_hooks: DistAlignEMAHook(p_target_type='model'), AdaMatchThresholdingHook.
        a.dist_align = usb_hooks.DistAlignEMAHook(num_classes, ema_p, dtype, p_target_type='model')
        a.masking = usb_hooks.AdaMatchThresholdingHook()
    elif name == 'dash':
        # dash: {'T', 'gamma', 'C', 'rho_min', 'rho_interval'} (U dash.py get_argument); no warm-up steps here.
        a.masking = usb_hooks.DashThresholdingHook(dash['rho_min'], dash['gamma'], dash['C'], dash['rho_interval'], dash['T'])
    elif name == 'uda':
        # uda: {'T', 'tsa_schedule'} (U uda.py get_argument); p_cutoff is the threshold.
        a.T, a.tsa_schedule, a.num_classes = uda['T'], uda['tsa_schedule'], num_classes
    # region ema-threshold-make
    elif name == 'emathreshold':
        # Not USB's: the guide's example (usb_hooks.EmaThresholdHook); ema_p is its momentum, p_cutoff its ceiling.
        a.masking = usb_hooks.EmaThresholdHook(threshold, ema_threshold['floor'], ema_p, dtype)
    # endregion ema-threshold-make
    elif name not in ('fixmatch', 'pseudolabel', 'defixmatch', 'pimodel', 'meanteacher'):
        raise ValueError(f'the twin has no {name}')
    return a


def freeze_bn(model):
    """U core/utils/misc.py Bn_Controller.freeze_bn: back up the running statistics."""
    return {n: b.detach().clone() for n, b in model.named_buffers()}


def unfreeze_bn(model, backup):
    for n, b in model.named_buffers():
        b.data = backup[n]


def state_of(algo):
    """The hooks' state, in the engine's getState() names."""
    h = getattr(algo, 'masking', None)
    if algo.name == 'flexmatch':
        return {'selected': h.selected_label.clone(), 'beta': h.classwise_acc.clone()}
    if algo.name == 'freematch':
        return {'timeP': h.time_p.reshape(1).clone(), 'pModel': h.p_model.clone(), 'labelHist': h.label_hist.clone()}
    if algo.name == 'softmatch':
        return {'pModel': algo.dist_align.p_model.clone(), 'mu': h.prob_max_mu_t.reshape(1).clone(),
                'variance': h.prob_max_var_t.reshape(1).clone()}
    if algo.name == 'adamatch':
        return {'pModel': algo.dist_align.p_model.clone(), 'pTarget': algo.dist_align.p_target.clone(),
                'cutoff': h.cutoff.reshape(1).clone()}
    if algo.name == 'dash':
        return {'rhoInit': torch.tensor([h.rho_init], dtype=torch.float64), 'rho': torch.tensor([h.rho], dtype=torch.float64),
                'updates': torch.tensor([float(h.rho_update_cnt)], dtype=torch.float64)}
    # region ema-threshold-state
    if algo.name == 'emathreshold':
        return {'ema': h.ema.reshape(1).clone()}
    # endregion ema-threshold-state
    return {}


def _unsup(algo, lw, ls, idx_ulb, logits_x_lb=None, yl=None, it=0):
    """Weights, pseudo-labels and which samples count, per algorithm's train_step."""
    probs = torch.softmax(lw.detach(), dim=-1)
    if algo.name == 'fixmatch':
        # K train.py: the threshold reads softmax(logits / T).
        conf_t, pseudo = torch.softmax(lw.detach() / algo.T, dim=-1).max(dim=-1)
        mask = conf_t.ge(algo.p_cutoff).to(lw.dtype)
        return mask, pseudo, mask, conf_t
    if algo.name == 'flexmatch':
        # U flexmatch.py: probs = compute_prob(logits_w); masking(probs, idx_ulb); hard label = argmax probs.
        mask = algo.masking.masking(probs, idx_ulb)
        return mask, torch.argmax(probs, dim=-1), mask, probs.max(dim=-1)[0]
    if algo.name == 'freematch':
        mask = algo.masking.masking(lw)
        return mask, torch.argmax(lw.detach(), dim=-1), mask, probs.max(dim=-1)[0]
    if algo.name == 'softmatch':
        # U softmatch.py: uniform alignment, weights on the aligned probs, labels from the raw logits.
        aligned = algo.dist_align.dist_align(probs)
        weight = algo.masking.masking(aligned)
        algo.rule_confidence = aligned.max(dim=-1)[0]
        counted = algo.rule_confidence.ge(algo.masking.prob_max_mu_t).to(lw.dtype)
        return weight, torch.argmax(lw.detach(), dim=-1), counted, probs.max(dim=-1)[0]
    if algo.name == 'adamatch':
        # U adamatch.py:87-101: align with p_lb, mask on the aligned probs, hard label their argmax.
        probs_x_lb = torch.softmax(logits_x_lb.detach(), dim=-1)
        aligned = algo.dist_align.dist_align(probs, probs_x_lb)
        mask = algo.masking.masking(algo.p_cutoff, probs_x_lb, aligned)
        conf, pseudo = aligned.max(dim=-1)
        return mask, pseudo, mask, conf
    if algo.name == 'dash':
        # rho_init: the labeled loss at the first step (the engine's stand-in for dash.py's warm-up eval loss).
        if algo.masking.rho_init is None:
            algo.masking.rho_init = F.cross_entropy(logits_x_lb.detach(), yl).item()
        mask = algo.masking.masking(lw, it)
        algo.rule_confidence = torch.exp(-algo.masking.loss_w)
        algo.rule_cut = float(np.exp(-algo.masking.rho))
        pseudo = torch.argmax(lw.detach(), dim=-1)
        target = pseudo if algo.masking.use_hard_label else torch.softmax(lw.detach() / algo.masking.T, dim=-1)
        return mask, pseudo, mask, probs.max(dim=-1)[0], target
    if algo.name == 'uda':
        # U uda.py:82-101: FixedThresholdingHook on the probs (masking.py:55-56); soft targets
        # softmax(logits_w / T), as the UDA paper and USB before 8a0710c (at 1ef4cbe uda.py:92-96 passes
        # the probs with softmax=False and T goes unused; docs/guide/algorithms.md, UDA).
        conf, pseudo = probs.max(dim=-1)
        mask = conf.ge(algo.p_cutoff).to(lw.dtype)
        return mask, pseudo, mask, conf, torch.softmax(lw.detach() / algo.T, dim=-1)
    # region ema-threshold-unsup
    if algo.name == 'emathreshold':
        # The guide's example: FixMatch's hard labels on softmax(logits_w), masked at the EMA's clipped threshold.
        mask = algo.masking.masking(probs)
        conf, pseudo = probs.max(dim=-1)
        return mask, pseudo, mask, conf
    # endregion ema-threshold-unsup
    raise ValueError(algo.name)


def uda_sup_loss(algo, logits_x_lb, yl, it):
    """U uda.py:75-78: TSA's sup_mask = max softmax(logits_x_lb) <= tsa; sup_loss = mean(ce * sup_mask)."""
    tsa = usb_hooks.uda_tsa(algo.tsa_schedule, it, algo.num_train_iter, algo.num_classes)
    max_probs = torch.softmax(logits_x_lb, dim=-1).max(dim=-1)[0].detach()
    sup_mask = max_probs.le(tsa).to(logits_x_lb.dtype)
    # How far the nearest labeled sample lies from the TSA cut (the golden run's margin check).
    algo.tsa_margin = float((max_probs - tsa).abs().min()) if tsa < 1 else float('inf')
    return (F.cross_entropy(logits_x_lb, yl, reduction='none') * sup_mask).mean()


def defixmatch_losses(algo, logits, nx, yl, lambda_u):
    """U defixmatch.py:53-116 (use_cat) on the logits of cat(x_lb, x_lb_s, x_ulb_w, x_ulb_s)."""
    logits_x_lb, logits_x_lb_s = logits[:2 * nx].chunk(2)
    lw, ls = logits[2 * nx:].chunk(2)
    # :76 sup_loss: the mean of both labeled views' mean CE.
    lx = 0.5 * (F.cross_entropy(logits_x_lb, yl) + F.cross_entropy(logits_x_lb_s, yl))
    # :79-80 probs of the detached weak unlabeled and weak labeled logits; :89-90 FixedThresholdingHook
    # (masking.py:55-56, max p >= p_cutoff) on each; :93-108 hard labels, the argmax of each.
    conf, pseudo = torch.softmax(lw.detach(), dim=-1).max(dim=-1)
    conf_lb, anti = torch.softmax(logits_x_lb.detach(), dim=-1).max(dim=-1)
    mask, mask_lb = conf.ge(algo.p_cutoff).to(lw.dtype), conf_lb.ge(algo.p_cutoff).to(lw.dtype)
    # :99-114 consistency_loss 'ce': mean over each batch of ce * mask.
    lu = (usb_hooks.ce_loss(ls, pseudo) * mask).mean()
    la = (usb_hooks.ce_loss(logits_x_lb_s, anti) * mask_lb).mean()
    algo.anti = {'lossAnti': la, 'maskLabeled': mask_lb, 'antiPseudo': anti, 'labeledConfidence': conf_lb}
    # :116 total_loss = sup_loss + lambda_u * (unsup_loss - anti_unsup_loss)
    return lx, lu, lx + lambda_u * (lu - la), pseudo, mask, conf


def mse_consistency(logits, targets):
    """U core/criterions/consistency.py:27-29,40 consistency_loss(..., 'mse'), no mask: the mean over the batch
    of mean_c (softmax(logits) - targets)^2."""
    return F.mse_loss(torch.softmax(logits, dim=-1), targets, reduction='none').mean(dim=1).mean()


def apply_shadow(model, ema):
    """U core/utils/misc.py:160-163 EMA.apply_shadow: the EMA's parameters in the model, its buffers kept.
    The twin's ModelEma averages as USB's EMA.update does (misc.py:152-155): d * shadow + (1 - d) * theta."""
    backup = {n: p.data for n, p in model.named_parameters()}
    for n, p in model.named_parameters():
        p.data = ema.params[n].clone()
    return backup


def restore(model, backup):
    """U misc.py:165-168 EMA.restore."""
    for n, p in model.named_parameters():
        p.data = backup[n]


def consistency_step(algo, model, ema, xl, yl, uw, us, lambda_u, it):
    """U pimodel/pimodel.py:35-62 and meanteacher/meanteacher.py:36-69 (as at 4595a7c, release 0.3.1:
    the student's loss reads logits_x_ulb_s; at 1ef4cbe line 55 reads the teacher's no-grad logits).
    us is the second weak view (U datasets/cv_datasets/datasetbase.py:100-102)."""
    logits_x_lb = model(xl)
    if algo.name == 'pimodel':
        # pimodel.py:44-51: both unlabeled views with BN's running statistics frozen.
        backup = freeze_bn(model)
        logits_x_ulb_w = model(uw)
        logits_x_ulb_s = model(us)
        unfreeze_bn(model, backup)
    else:
        # meanteacher.py:44-51: the teacher (EMA parameters; the live model with no EMA yet) under no_grad, BN frozen.
        shadow = apply_shadow(model, ema) if ema is not None else None
        with torch.no_grad():
            backup = freeze_bn(model)
            logits_x_ulb_w = model(uw)
            unfreeze_bn(model, backup)
        if shadow is not None:
            restore(model, shadow)
        # meanteacher.py:53-57: the student on the second weak view, BN frozen.
        backup = freeze_bn(model)
        logits_x_ulb_s = model(us)
        unfreeze_bn(model, backup)
    lx = F.cross_entropy(logits_x_lb, yl)
    # compute_prob: softmax (U core/algorithmbase.py); the target carries no gradient.
    probs = torch.softmax(logits_x_ulb_w.detach(), dim=-1)
    lu = mse_consistency(logits_x_ulb_s, probs)
    warm = float(np.clip(it / (algo.unsup_warm_up * algo.num_train_iter), a_min=0.0, a_max=1.0))
    loss = lx + lambda_u * lu * warm
    conf, pseudo = probs.max(dim=-1)
    top2 = probs.topk(2, dim=-1)[0]
    # How close the target's argmax came to a tie (the golden run's margin check): no mask, every sample counts.
    algo.argmax_margin = float((top2[:, 0] - top2[:, 1]).min())
    ones = torch.ones_like(conf)
    return torch.cat([logits_x_lb, logits_x_ulb_w, logits_x_ulb_s]).detach(), lx, lu, loss, pseudo, conf, ones


def ssl_step(algo, model, optimizer, ema, xl, yl, uw, us, idx_ulb, lambda_u, lr, it, xl_s=None):
    """xl_s: the labeled batch's strong view (DeFixMatch only)."""
    for g in optimizer.param_groups:
        g['lr'] = lr
    model.train()
    nx = xl.shape[0]
    lf = None
    if algo.name == 'pseudolabel':
        # U pseudolabel.py train_step: labeled forward; the weak view with BN's running stats frozen.
        logits_x_lb = model(xl)
        backup = freeze_bn(model)
        logits_x_ulb = model(uw)
        unfreeze_bn(model, backup)
        lx = F.cross_entropy(logits_x_lb, yl)
        probs = torch.softmax(logits_x_ulb.detach(), dim=-1)
        conf = probs.max(dim=-1)[0]
        mask = conf.ge(algo.p_cutoff).to(conf.dtype)  # U hooks/masking.py FixedThresholdingHook
        pseudo = torch.argmax(logits_x_ulb.detach(), dim=-1)
        lu = (F.cross_entropy(logits_x_ulb, pseudo, reduction='none') * mask).mean()
        warm = float(np.clip(it / (algo.unsup_warm_up * algo.num_train_iter), a_min=0.0, a_max=1.0))
        loss = lx + lambda_u * lu * warm
        logits, weight, counted = torch.cat([logits_x_lb, logits_x_ulb]), mask, mask
    elif algo.name in ('pimodel', 'meanteacher'):
        logits, lx, lu, loss, pseudo, conf, weight = consistency_step(algo, model, ema, xl, yl, uw, us, lambda_u, it)
        counted = weight
    elif algo.name == 'defixmatch':
        logits = model(torch.cat([xl, xl_s, uw, us]))
        lx, lu, loss, pseudo, weight, conf = defixmatch_losses(algo, logits, nx, yl, lambda_u)
        counted = weight
    else:
        logits = model(torch.cat([xl, uw, us]))
        nu = uw.shape[0]
        lw, ls = logits[nx:nx + nu], logits[nx + nu:]
        lx = uda_sup_loss(algo, logits[:nx], yl, it) if algo.name == 'uda' else F.cross_entropy(logits[:nx], yl)
        weight, pseudo, counted, conf, *soft = _unsup(algo, lw, ls, idx_ulb, logits[:nx], yl, it)
        # U core/criterions/consistency.py consistency_loss: mean over the batch of ce * mask (Dash: soft targets).
        lu = (usb_hooks.ce_loss(ls, soft[0] if soft else pseudo) * weight).mean()
        loss = lx + lambda_u * lu
        if algo.name == 'freematch' and weight.sum() > 0:
            lf, _ = usb_hooks.entropy_loss(weight, ls, algo.masking.p_model, algo.masking.label_hist)
            loss = loss + algo.lambda_e * lf
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    grads = {n: (p.grad.detach().clone() if p.grad is not None else torch.zeros_like(p)) for n, p in model.named_parameters()}
    optimizer.step()
    if ema is not None:
        ema.update(model)
    return {
        'logits': logits.detach(), 'lossX': lx.item(), 'lossU': lu.item(), 'loss': loss.item(),
        'lossFairness': None if lf is None else lf.item(), 'pseudo': pseudo, 'confidence': conf,
        'weight': weight.detach(), 'mask': counted.detach(), 'grads': grads, 'state': state_of(algo),
        # What the rule compares with its cut: the aligned max for SoftMatch, else the confidence.
        'ruleConfidence': getattr(algo, 'rule_confidence', conf) if algo.name in ('softmatch', 'dash') else conf,
    }


def step_fn(algo):
    """(model, opt, ema, xl, yl, uw, us, idx, lambda_u, lr, it) -> result, for every algorithm."""
    if algo.name == 'fixmatch':
        return lambda model, opt, ema, xl, yl, uw, us, idx, lambda_u, lr, it: twin.fixmatch_step(
            model, opt, ema, xl, yl, uw, us, algo.p_cutoff, algo.T, lambda_u, lr)
    return lambda *args: ssl_step(algo, *args)
