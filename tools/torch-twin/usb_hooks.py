"""USB's pseudo-labelling hooks (microsoft/Semi-supervised-learning, semilearn/), line by line, for the
twin's FlexMatch, FreeMatch, SoftMatch, Dash, AdaMatch and UDA. Each takes the dtype of its state so the golden run can
hold it in float64 (USB's own tensors are float32). Single process: no concat_all_gather.
"""
import math
from collections import Counter

import torch


class FlexMatchThresholdingHook:
    """U flexmatch/utils.py FlexMatchThresholdingHook, thresh_warmup=True (USB's default)."""

    def __init__(self, p_cutoff, ulb_dest_len, num_classes, dtype=torch.float32):
        self.p_cutoff = p_cutoff
        self.ulb_dest_len = ulb_dest_len
        self.num_classes = num_classes
        self.selected_label = torch.ones((ulb_dest_len,), dtype=torch.long) * -1
        self.classwise_acc = torch.zeros((num_classes,), dtype=dtype)

    @torch.no_grad()
    def update(self):
        pseudo_counter = Counter(self.selected_label.tolist())
        if max(pseudo_counter.values()) < self.ulb_dest_len:  # not all(5w) -1
            for i in range(self.num_classes):
                self.classwise_acc[i] = pseudo_counter[i] / max(pseudo_counter.values())

    @torch.no_grad()
    def masking(self, probs_x_ulb, idx_ulb):
        """U masking(..., softmax_x_ulb=False): probs are softmax(logits) already (flexmatch.py train_step)."""
        max_probs, max_idx = torch.max(probs_x_ulb, dim=-1)
        mask = max_probs.ge(self.p_cutoff * (self.classwise_acc[max_idx] / (2. - self.classwise_acc[max_idx])))  # convex
        select = max_probs.ge(self.p_cutoff)
        mask = mask.to(max_probs.dtype)
        if idx_ulb[select == 1].nelement() != 0:
            self.selected_label[idx_ulb[select == 1]] = max_idx[select == 1]
        self.update()
        return mask

    def thresholds(self):
        """The per-class thresholds the next mask applies (for the diagnostics, not in USB)."""
        return self.p_cutoff * (self.classwise_acc / (2. - self.classwise_acc))


class FreeMatchThresholingHook:
    """U freematch/utils.py FreeMatchThresholingHook, use_quantile=False, clip_thresh=False (USB's defaults)."""

    def __init__(self, num_classes, momentum=0.999, dtype=torch.float32):
        self.num_classes = num_classes
        self.m = momentum
        self.p_model = torch.ones((num_classes,), dtype=dtype) / num_classes
        self.label_hist = torch.ones((num_classes,), dtype=dtype) / num_classes
        self.time_p = self.p_model.mean()

    @torch.no_grad()
    def update(self, probs_x_ulb):
        max_probs, max_idx = torch.max(probs_x_ulb, dim=-1, keepdim=True)
        self.time_p = self.time_p * self.m + (1 - self.m) * max_probs.mean()
        self.p_model = self.p_model * self.m + (1 - self.m) * probs_x_ulb.mean(dim=0)
        hist = torch.bincount(max_idx.reshape(-1), minlength=self.p_model.shape[0]).to(self.p_model.dtype)
        self.label_hist = self.label_hist * self.m + (1 - self.m) * (hist / hist.sum())

    @torch.no_grad()
    def masking(self, logits_x_ulb):
        """U masking(..., softmax_x_ulb=True): freematch.py passes the weak logits."""
        probs_x_ulb = torch.softmax(logits_x_ulb.detach(), dim=-1)
        self.update(probs_x_ulb)
        max_probs, max_idx = probs_x_ulb.max(dim=-1)
        mod = self.p_model / torch.max(self.p_model, dim=-1)[0]
        mask = max_probs.ge(self.time_p * mod[max_idx]).to(max_probs.dtype)
        return mask

    def thresholds(self):
        return self.time_p * self.p_model / torch.max(self.p_model, dim=-1)[0]


def replace_inf_to_zero(val):
    """U freematch/freematch.py."""
    val[val == float('inf')] = 0.0
    return val


def entropy_loss(mask, logits_s, prob_model, label_hist):
    """U freematch/freematch.py entropy_loss: the self-adaptive fairness loss."""
    mask = mask.bool()
    logits_s = logits_s[mask]
    prob_s = logits_s.softmax(dim=-1)
    _, pred_label_s = torch.max(prob_s, dim=-1)
    hist_s = torch.bincount(pred_label_s, minlength=logits_s.shape[1]).to(logits_s.dtype)
    hist_s = hist_s / hist_s.sum()
    prob_model = prob_model.reshape(1, -1)
    label_hist = label_hist.reshape(1, -1)
    prob_model_scaler = replace_inf_to_zero(1 / label_hist).detach()
    mod_prob_model = prob_model * prob_model_scaler
    mod_prob_model = mod_prob_model / mod_prob_model.sum(dim=-1, keepdim=True)
    mean_prob_scaler_s = replace_inf_to_zero(1 / hist_s).detach()
    mod_mean_prob_s = prob_s.mean(dim=0, keepdim=True) * mean_prob_scaler_s
    mod_mean_prob_s = mod_mean_prob_s / mod_mean_prob_s.sum(dim=-1, keepdim=True)
    loss = mod_prob_model * torch.log(mod_mean_prob_s + 1e-12)
    loss = loss.sum(dim=1)
    return loss.mean(), hist_s.mean()


class DistAlignEMAHook:
    """U hooks/dist_align.py DistAlignEMAHook: p_target_type='uniform' (SoftMatch's dist_uniform=True) or
    'model' (AdaMatch: p_target from uniform, an EMA of the labeled batch's probabilities)."""

    def __init__(self, num_classes, momentum=0.999, dtype=torch.float32, p_target_type='uniform'):
        assert p_target_type in ('uniform', 'model')
        self.num_classes = num_classes
        self.m = momentum
        self.update_p_target = p_target_type == 'model'
        self.p_target = torch.ones((num_classes,), dtype=dtype) / num_classes
        self.p_model = None

    @torch.no_grad()
    def dist_align(self, probs_x_ulb, probs_x_lb=None):
        self.update_p(probs_x_ulb, probs_x_lb)
        probs_x_ulb_aligned = probs_x_ulb * (self.p_target + 1e-6) / (self.p_model + 1e-6)
        probs_x_ulb_aligned = probs_x_ulb_aligned / probs_x_ulb_aligned.sum(dim=-1, keepdim=True)
        return probs_x_ulb_aligned

    @torch.no_grad()
    def update_p(self, probs_x_ulb, probs_x_lb=None):
        probs_x_ulb = probs_x_ulb.detach()
        if self.p_model is None:
            self.p_model = torch.mean(probs_x_ulb, dim=0)
        else:
            self.p_model = self.p_model * self.m + torch.mean(probs_x_ulb, dim=0) * (1 - self.m)
        if self.update_p_target:
            assert probs_x_lb is not None
            self.p_target = self.p_target * self.m + torch.mean(probs_x_lb, dim=0) * (1 - self.m)


class AdaMatchThresholdingHook:
    """U adamatch/utils.py AdaMatchThresholdingHook, as adamatch.py calls it (softmax_x_lb=softmax_x_ulb=False)."""

    @torch.no_grad()
    def masking(self, p_cutoff, probs_x_lb, probs_x_ulb):
        max_probs, _ = probs_x_lb.max(dim=-1)
        self.cutoff = max_probs.mean() * p_cutoff
        max_probs, _ = probs_x_ulb.max(dim=-1)
        return max_probs.ge(self.cutoff).to(max_probs.dtype)


class DashThresholdingHook:
    """U dash/utils.py DashThresholdingHook. rho_interval is USB's 10 * num_iter_per_epoch; rho_init the
    loss dash.py's warm-up leaves (here the caller's, from the first step's labeled batch)."""

    def __init__(self, rho_min, gamma, C, rho_interval, T):
        self.gamma = gamma
        self.C = C
        self.rho_update_cnt = 0
        self.rho_init = None
        self.rho_min = rho_min
        self.rho = None
        self.rho_interval = rho_interval
        self.T = T
        self.use_hard_label = False

    @torch.no_grad()
    def update(self, it):
        if it % self.rho_interval == 0:
            self.rho = self.C * (self.gamma ** -self.rho_update_cnt) * self.rho_init
            self.rho = max(self.rho, self.rho_min)
            self.rho_update_cnt += 1
        self.use_hard_label = self.rho == self.rho_min

    @torch.no_grad()
    def masking(self, logits_x_ulb, it):
        self.update(it)
        if self.use_hard_label:
            pseudo_label = torch.argmax(logits_x_ulb, dim=-1).detach()
        else:
            pseudo_label = torch.softmax(logits_x_ulb.detach() / self.T, dim=-1)
        loss_w = ce_loss(logits_x_ulb, pseudo_label)
        self.loss_w = loss_w
        return loss_w.le(self.rho).to(logits_x_ulb.dtype)


def ce_loss(logits, targets):
    """U core/criterions/cross_entropy.py ce_loss, reduction='none': soft targets when shaped as the logits."""
    log_pred = torch.log_softmax(logits, dim=-1)
    if logits.shape == targets.shape:
        return torch.sum(-targets * log_pred, dim=1)
    return torch.nn.functional.nll_loss(log_pred, targets, reduction='none')


class SoftMatchWeightingHook:
    """U softmatch/utils.py SoftMatchWeightingHook, per_class=False (USB's default)."""

    def __init__(self, num_classes, n_sigma=2, momentum=0.999, dtype=torch.float32):
        self.num_classes = num_classes
        self.n_sigma = n_sigma
        self.m = momentum
        self.prob_max_mu_t = torch.tensor(1.0 / num_classes, dtype=dtype)
        self.prob_max_var_t = torch.tensor(1.0, dtype=dtype)

    @torch.no_grad()
    def update(self, probs_x_ulb):
        max_probs, max_idx = probs_x_ulb.max(dim=-1)
        prob_max_mu_t = torch.mean(max_probs)
        prob_max_var_t = torch.var(max_probs, unbiased=True)
        self.prob_max_mu_t = self.m * self.prob_max_mu_t + (1 - self.m) * prob_max_mu_t.item()
        self.prob_max_var_t = self.m * self.prob_max_var_t + (1 - self.m) * prob_max_var_t.item()
        return max_probs, max_idx

    @torch.no_grad()
    def masking(self, probs_x_ulb):
        """U masking(..., softmax_x_ulb=False): softmatch.py passes the aligned probabilities."""
        self.update(probs_x_ulb)
        max_probs, max_idx = probs_x_ulb.max(dim=-1)
        mu = self.prob_max_mu_t
        var = self.prob_max_var_t
        mask = torch.exp(-((torch.clamp(max_probs - mu, max=0.0) ** 2) / (2 * var / (self.n_sigma ** 2))))
        return mask


def uda_tsa(schedule, cur_iter, total_iter, num_classes):
    """U uda/uda.py:112-126 UDA.TSA: the largest max-probability a labeled sample may have and still train."""
    training_progress = cur_iter / total_iter
    if schedule == 'linear':
        threshold = training_progress
    elif schedule == 'exp':
        threshold = math.exp((training_progress - 1) * 5)
    elif schedule == 'log':
        threshold = 1 - math.exp((-training_progress) * 5)
    elif schedule == 'none':
        return 1
    return threshold * (1 - 1 / num_classes) + 1 / num_classes


# region ema-threshold-hook
class EmaThresholdHook:
    """Not USB's: the guide's example algorithm (docs/guide/your-algorithm.md; src/shared/algorithms/emathreshold.ts).
    The threshold follows an EMA of the batch's mean max probability, clipped to [floor, p_cutoff]; a batch is
    masked at the threshold the EMA held before it, then the EMA takes the batch in. The EMA starts at p_cutoff:
    the first step is FixMatch's (USB's FixedThresholdingHook on softmax(logits))."""

    def __init__(self, p_cutoff, floor, momentum, dtype=torch.float32):
        self.p_cutoff = p_cutoff
        self.floor = floor
        self.m = momentum
        self.ema = torch.tensor(p_cutoff, dtype=dtype)

    def threshold(self):
        return torch.clamp(self.ema, min=self.floor, max=self.p_cutoff)

    @torch.no_grad()
    def masking(self, probs_x_ulb):
        max_probs = probs_x_ulb.max(dim=-1)[0]
        self.cut = self.threshold()
        mask = max_probs.ge(self.cut).to(max_probs.dtype)
        self.ema = self.m * self.ema + (1 - self.m) * max_probs.mean()
        return mask
# endregion ema-threshold-hook
