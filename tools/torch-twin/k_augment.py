"""K's augmentations (kekmodel/FixMatch-pytorch dataset/randaugment.py and dataset/cifar.py), as the
twin's training loop uses them: weak = flip (not for digits) + reflect-pad 12.5% + random crop;
strong = weak + RandAugmentMC(n=2, m=10) + CutoutAbs(half the side). Python's `random` and numpy's
global generator, seeded per run, as K's code draws them.
"""
import random

import numpy as np
import PIL.Image
import PIL.ImageDraw
import PIL.ImageEnhance
import PIL.ImageOps

PARAMETER_MAX = 10


def _float(v, max_v):
    return float(v) * max_v / PARAMETER_MAX


def _int(v, max_v):
    return int(v * max_v / PARAMETER_MAX)


def auto_contrast(img, **_):
    return PIL.ImageOps.autocontrast(img)


def brightness(img, v, max_v, bias):
    return PIL.ImageEnhance.Brightness(img).enhance(_float(v, max_v) + bias)


def color(img, v, max_v, bias):
    return PIL.ImageEnhance.Color(img).enhance(_float(v, max_v) + bias)


def contrast(img, v, max_v, bias):
    return PIL.ImageEnhance.Contrast(img).enhance(_float(v, max_v) + bias)


def equalize(img, **_):
    return PIL.ImageOps.equalize(img)


def identity(img, **_):
    return img


def posterize(img, v, max_v, bias):
    return PIL.ImageOps.posterize(img, _int(v, max_v) + bias)


def rotate(img, v, max_v, bias):
    v = _int(v, max_v) + bias
    if random.random() < 0.5:
        v = -v
    return img.rotate(v)


def sharpness(img, v, max_v, bias):
    return PIL.ImageEnhance.Sharpness(img).enhance(_float(v, max_v) + bias)


def shear_x(img, v, max_v, bias):
    v = _float(v, max_v) + bias
    if random.random() < 0.5:
        v = -v
    return img.transform(img.size, PIL.Image.AFFINE, (1, v, 0, 0, 1, 0))


def shear_y(img, v, max_v, bias):
    v = _float(v, max_v) + bias
    if random.random() < 0.5:
        v = -v
    return img.transform(img.size, PIL.Image.AFFINE, (1, 0, 0, v, 1, 0))


def solarize(img, v, max_v, bias):
    return PIL.ImageOps.solarize(img, 256 - (_int(v, max_v) + bias))


def translate_x(img, v, max_v, bias):
    v = _float(v, max_v) + bias
    if random.random() < 0.5:
        v = -v
    return img.transform(img.size, PIL.Image.AFFINE, (1, 0, int(v * img.size[0]), 0, 1, 0))


def translate_y(img, v, max_v, bias):
    v = _float(v, max_v) + bias
    if random.random() < 0.5:
        v = -v
    return img.transform(img.size, PIL.Image.AFFINE, (1, 0, 0, 0, 1, int(v * img.size[1])))


POOL = [(auto_contrast, None, None), (brightness, 0.9, 0.05), (color, 0.9, 0.05), (contrast, 0.9, 0.05),
        (equalize, None, None), (identity, None, None), (posterize, 4, 4), (rotate, 30, 0),
        (sharpness, 0.9, 0.05), (shear_x, 0.3, 0), (shear_y, 0.3, 0), (solarize, 256, 0),
        (translate_x, 0.3, 0), (translate_y, 0.3, 0)]


def cutout_abs(img, v):
    w, h = img.size
    x0 = np.random.uniform(0, w)
    y0 = np.random.uniform(0, h)
    x0 = int(max(0, x0 - v / 2.0))
    y0 = int(max(0, y0 - v / 2.0))
    x1 = int(min(w, x0 + v))
    y1 = int(min(h, y0 + v))
    img = img.copy()
    PIL.ImageDraw.Draw(img).rectangle((x0, y0, x1, y1), (127, 127, 127) if img.mode == 'RGB' else 127)
    return img


def rand_augment_mc(img, n=2, m=10):
    for op, max_v, bias in random.choices(POOL, k=n):
        v = np.random.randint(1, m)
        if random.random() < 0.5:
            img = op(img, v=v, max_v=max_v, bias=bias)
    return cutout_abs(img, int(img.size[0] * 0.5))


def weak(image_hwc, flip):
    """torchvision RandomHorizontalFlip + RandomCrop(size, padding=int(size * 0.125), reflect)."""
    h, w, _ = image_hwc.shape
    x = image_hwc
    if flip and random.random() < 0.5:
        x = x[:, ::-1]
    pad = int(h * 0.125)
    padded = np.pad(x, ((pad, pad), (pad, pad), (0, 0)), mode='reflect')
    top = random.randint(0, 2 * pad)
    left = random.randint(0, 2 * pad)
    return np.ascontiguousarray(padded[top:top + h, left:left + w])


def strong(image_hwc, flip):
    x = weak(image_hwc, flip)
    mode = 'L' if x.shape[2] == 1 else 'RGB'
    img = PIL.Image.fromarray(x[:, :, 0] if mode == 'L' else x, mode)
    out = np.asarray(rand_augment_mc(img), dtype=np.uint8)
    return out[:, :, None] if mode == 'L' else out
