"""The engine's models and FixMatch step in PyTorch, for golden-step fixtures and parity studies.

Mirrors src/engine exactly:
  small-cnn  3 x (conv3x3 stride 2 pad 1, no bias; BN; LeakyReLU), global average pool, dense
  wrn-28-k   kekmodel/FixMatch-pytorch models/wideresnet.py: pre-activation blocks, bias-free convs,
             LeakyReLU, K's shortcut quirks and the dead BN1 of stages 2-3 (computed, discarded)
Parameter names are the engine's checkpoint keys (state_dict names). BatchNorm eps 1e-5; the
engine's momentum is in TF.js terms (new = m * old + (1 - m) * batch), PyTorch's is 1 - m.
The step follows ../shared/spec/fixmatch.md (K train.py): one training-mode forward of
[labeled | weak | strong], Lx mean CE, pseudo-labels from the weak view without gradient,
Lu = sum(mask * CE(strong, pseudo)) / |unlabeled batch|, SGD Nesterov with weight decay on conv
and dense weights only, K's cosine schedule, EMA of parameters with buffers copied.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

BN_EPS = 1e-5


def bn(channels, tfjs_momentum):
    return nn.BatchNorm2d(channels, eps=BN_EPS, momentum=1 - tfjs_momentum)


def k_init(model):
    """K's WideResNet init, in module order: convs kaiming_normal_(fan_out, leaky_relu, a=0),
    BatchNorm weight 1 and bias 0, dense xavier_normal_ with a zero bias."""
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='leaky_relu')
        elif isinstance(m, nn.BatchNorm2d):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Linear):
            nn.init.xavier_normal_(m.weight)
            nn.init.zeros_(m.bias)


class SmallCnn(nn.Module):
    CHANNELS = (32, 64, 128)

    def __init__(self, in_channels, classes, tfjs_momentum, slope):
        super().__init__()
        c = in_channels
        for i, o in enumerate(self.CHANNELS, start=1):
            setattr(self, f'conv{i}', nn.Conv2d(c, o, 3, 2, 1, bias=False))
            setattr(self, f'bn{i}', bn(o, tfjs_momentum))
            c = o
        self.fc = nn.Linear(c, classes)
        self.slope = slope
        k_init(self)

    def forward(self, x):
        for i in range(1, len(self.CHANNELS) + 1):
            x = F.leaky_relu(getattr(self, f'bn{i}')(getattr(self, f'conv{i}')(x)), self.slope)
        return self.fc(x.mean((2, 3)))


class BasicBlock(nn.Module):
    def __init__(self, i, o, stride, abr, tfjs_momentum, slope):
        super().__init__()
        self.bn1 = bn(i, tfjs_momentum)
        self.conv1 = nn.Conv2d(i, o, 3, stride, 1, bias=False)
        self.bn2 = bn(o, tfjs_momentum)
        self.conv2 = nn.Conv2d(o, o, 3, 1, 1, bias=False)
        self.equal = i == o
        self.convShortcut = None if self.equal else nn.Conv2d(i, o, 1, stride, 0, bias=False)
        self.abr = abr
        self.slope = slope

    def forward(self, x):
        # K's forward, line for line (drop_rate 0).
        if not self.equal and self.abr:
            x = F.leaky_relu(self.bn1(x), self.slope)
        else:
            out = F.leaky_relu(self.bn1(x), self.slope)
        out = F.leaky_relu(self.bn2(self.conv1(out if self.equal else x)), self.slope)
        out = self.conv2(out)
        return (x if self.equal else self.convShortcut(x)) + out


class Stage(nn.Module):
    def __init__(self, blocks):
        super().__init__()
        self.layer = nn.Sequential(*blocks)

    def forward(self, x):
        return self.layer(x)


class Wrn(nn.Module):
    def __init__(self, widen, in_channels, classes, tfjs_momentum, slope, depth=28):
        super().__init__()
        n = (depth - 4) // 6
        ch = [16, 16 * widen, 32 * widen, 64 * widen]
        self.conv1 = nn.Conv2d(in_channels, ch[0], 3, 1, 1, bias=False)
        for s in range(3):
            blocks = [BasicBlock(ch[s] if b == 0 else ch[s + 1], ch[s + 1], (1 if s == 0 else 2) if b == 0 else 1,
                                 s == 0, tfjs_momentum, slope) for b in range(n)]
            setattr(self, f'block{s + 1}', Stage(blocks))
        self.bn1 = bn(ch[3], tfjs_momentum)
        self.fc = nn.Linear(ch[3], classes)
        self.slope = slope
        k_init(self)

    def forward(self, x):
        x = self.conv1(x)
        x = self.block3(self.block2(self.block1(x)))
        x = F.leaky_relu(self.bn1(x), self.slope)
        return self.fc(x.mean((2, 3)))


def build_model(arch, in_channels, classes, tfjs_momentum, slope):
    if arch == 'small-cnn':
        return SmallCnn(in_channels, classes, tfjs_momentum, slope)
    if arch.startswith('wrn-28-'):
        return Wrn(int(arch.split('-')[-1]), in_channels, classes, tfjs_momentum, slope)
    raise ValueError(f'unknown arch {arch}')


def decays(name):
    """K train.py: no_decay = ['bias', 'bn'], matched as substrings of the parameter name."""
    return not any(nd in name for nd in ('bias', 'bn'))


def make_optimizer(model, lr, momentum, nesterov, weight_decay):
    named = list(model.named_parameters())
    groups = [
        {'params': [p for n, p in named if decays(n)], 'weight_decay': weight_decay},
        {'params': [p for n, p in named if not decays(n)], 'weight_decay': 0.0},
    ]
    return torch.optim.SGD(groups, lr=lr, momentum=momentum, nesterov=nesterov)


def cosine_lr(k, lr0, total, warmup=0, cycles=7 / 16):
    """K's get_cosine_schedule_with_warmup at completed step k (0-based)."""
    if k < warmup:
        return lr0 * k / max(1, warmup)
    progress = (k - warmup) / max(1, total - warmup)
    return lr0 * max(0.0, math.cos(math.pi * cycles * progress))


class ModelEma:
    """K models/ema.py: ema = d * ema + (1 - d) * theta for parameters; buffers copied."""

    def __init__(self, model, decay):
        self.decay = decay
        self.params = {n: p.detach().clone() for n, p in model.named_parameters()}
        self.buffers = {n: b.detach().clone() for n, b in model.named_buffers() if not n.endswith('num_batches_tracked')}

    @torch.no_grad()
    def update(self, model):
        for n, p in model.named_parameters():
            self.params[n].copy_(self.params[n] * self.decay + (1 - self.decay) * p.detach())
        for n, b in model.named_buffers():
            if n in self.buffers:
                self.buffers[n].copy_(b)


def fixmatch_step(model, optimizer, ema, xl, yl, uw, us, threshold, temperature, lambda_u, lr):
    """One step; returns what the golden fixtures compare (gradients before the update)."""
    for g in optimizer.param_groups:
        g['lr'] = lr
    model.train()
    nx, nu = xl.shape[0], uw.shape[0]
    logits = model(torch.cat([xl, uw, us]))
    lx_logits, lw, ls = logits[:nx], logits[nx:nx + nu], logits[nx + nu:]
    lx = F.cross_entropy(lx_logits, yl)
    probs = torch.softmax(lw.detach() / temperature, dim=-1)
    conf, pseudo = probs.max(dim=-1)
    mask = conf.ge(threshold).float()
    lu = (F.cross_entropy(ls, pseudo, reduction='none') * mask).mean()
    loss = lx + lambda_u * lu
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    grads = {n: (p.grad.detach().clone() if p.grad is not None else torch.zeros_like(p)) for n, p in model.named_parameters()}
    optimizer.step()
    if ema is not None:
        ema.update(model)
    return {
        'logits': logits.detach(), 'lossX': lx.item(), 'lossU': lu.item(), 'loss': loss.item(),
        'pseudo': pseudo, 'confidence': conf, 'mask': mask, 'grads': grads,
    }


def momentum_buffers(model, optimizer):
    """Per parameter; a parameter that never had a gradient (the dead BN1) has none: zeros."""
    out = {}
    for n, p in model.named_parameters():
        state = optimizer.state.get(p, {})
        buf = state.get('momentum_buffer')
        out[n] = buf.detach().clone() if buf is not None else torch.zeros_like(p)
    return out


def to_engine_layout(name, t):
    """Engine tensors: conv [kh, kw, in, out], dense [in, out]; the rest as is."""
    if t.dim() == 4:
        return t.permute(2, 3, 1, 0).contiguous()
    if t.dim() == 2 and name.startswith('fc.'):
        return t.t().contiguous()
    return t


def normalize(images_nhwc_u8, mean, std):
    """The engine's normalizeInto: (v / 255 - mean[c]) / std[c] in float64, rounded to float32; NCHW out."""
    x = images_nhwc_u8.to(torch.float64) / 255.0
    x = (x - torch.tensor(mean, dtype=torch.float64)) / torch.tensor(std, dtype=torch.float64)
    return x.to(torch.float32).permute(0, 3, 1, 2).contiguous()
