"""Reference outputs of Pillow for the RandAugment ops, used by pil-parity.test.ts.

Run once with a Python that has Pillow and numpy (Debian: python3-pil python3-numpy):
    /usr/bin/python3 test/engine/augment/pil-reference/generate.py
It writes pil-reference.json beside itself. The ops are called exactly as K's
dataset/randaugment.py calls them (PIL defaults: NEAREST, fill 0).
"""
import base64
import json
import os

import numpy as np
import PIL
import PIL.ImageDraw
import PIL.ImageEnhance
import PIL.ImageOps
from PIL import Image

rng = np.random.RandomState(0)


def test_images(W, H):
    if W * H >= 1020:
        # Uniform noise: the brightest value is rare, so equalize's (total - last) // 255 and
        # // 256 part ways (1020..1023 of 1024 pixels), as on most CIFAR images.
        return {'RGB': Image.fromarray(rng.randint(0, 256, size=(H, W, 3)).astype(np.uint8), 'RGB'),
                'L': Image.fromarray(rng.randint(0, 256, size=(H, W)).astype(np.uint8), 'L')}
    yy, xx = np.mgrid[0:H, 0:W]
    # Gradients plus noise, kept inside [30, 220] so autocontrast and equalize have work to do.
    rgb = np.stack([30 + xx * 9, 40 + yy * 10, 120 + (xx - yy) * 4], axis=-1) + rng.randint(-12, 13, size=(H, W, 3))
    rgb = np.clip(rgb, 30, 220).astype(np.uint8)
    gray = np.clip(60 + xx * 5 + yy * 3 + rng.randint(-9, 10, size=(H, W)), 0, 255).astype(np.uint8)
    return {'RGB': Image.fromarray(rgb, 'RGB'), 'L': Image.fromarray(gray, 'L')}


b64 = lambda img: base64.b64encode(np.asarray(img, dtype=np.uint8).tobytes()).decode()


def cutout(img, x0, y0, v):
    # K's CutoutAbs with the centre given instead of drawn.
    w, h = img.size
    x0 = int(max(0, x0 - v / 2.0))
    y0 = int(max(0, y0 - v / 2.0))
    x1 = int(min(w, x0 + v))
    y1 = int(min(h, y0 + v))
    img = img.copy()
    PIL.ImageDraw.Draw(img).rectangle((x0, y0, x1, y1), (127,) * len(img.getbands()) if img.mode == 'RGB' else 127)
    return img


OPS = {
    'autocontrast': (lambda img, p: PIL.ImageOps.autocontrast(img), [None]),
    'equalize': (lambda img, p: PIL.ImageOps.equalize(img), [None]),
    'brightness': (lambda img, p: PIL.ImageEnhance.Brightness(img).enhance(p), [0.14, 0.5, 0.86, 1.72]),
    'color': (lambda img, p: PIL.ImageEnhance.Color(img).enhance(p), [0.14, 0.59, 1.72]),
    'contrast': (lambda img, p: PIL.ImageEnhance.Contrast(img).enhance(p), [0.14, 0.59, 1.72]),
    'sharpness': (lambda img, p: PIL.ImageEnhance.Sharpness(img).enhance(p), [0.14, 0.59, 1.72]),
    'posterize': (lambda img, p: PIL.ImageOps.posterize(img, p), [1, 4, 6, 7]),
    'solarize': (lambda img, p: PIL.ImageOps.solarize(img, p), [26, 128, 231]),
    'rotate': (lambda img, p: img.rotate(p), [-27, -9, 3, 15, 27, 90]),
    'shearX': (lambda img, p: img.transform(img.size, Image.AFFINE, (1, p, 0, 0, 1, 0)), [-0.27, -0.09, 0.15, 0.3]),
    'shearY': (lambda img, p: img.transform(img.size, Image.AFFINE, (1, 0, 0, p, 1, 0)), [-0.27, -0.09, 0.15, 0.3]),
    'translateX': (lambda img, p: img.transform(img.size, Image.AFFINE, (1, 0, p, 0, 1, 0)), [-8, -3, 4]),
    'translateY': (lambda img, p: img.transform(img.size, Image.AFFINE, (1, 0, 0, 0, 1, p)), [-8, -3, 4]),
    'cutout': (lambda img, p: cutout(img, p[0], p[1], p[2]), [[0.3, 17.9, 10], [19.99, 0.0, 10], [9.5, 8.2, 9]]),
}

# 20x18 (odd sizes, small) and 32x32, CIFAR's size, where equalize's histogram step differs
# between dividing by 255 (Pillow) and by 256.
sets = []
for W, H in [(20, 18), (32, 32)]:
    images = test_images(W, H)
    cases = []
    for mode, img in images.items():
        for op, (fn, params) in OPS.items():
            for p in params:
                cases.append({'op': op, 'mode': mode, 'param': p, 'out': b64(fn(img, p))})
    sets.append({'width': W, 'height': H, 'inputs': {mode: b64(img) for mode, img in images.items()}, 'cases': cases})

out = {'pillow': PIL.__version__, 'sets': sets}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'pil-reference.json'), 'w') as f:
    json.dump(out, f, separators=(',', ':'))
print(sum(len(s['cases']) for s in sets), 'cases')
