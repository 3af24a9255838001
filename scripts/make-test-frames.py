#!/usr/bin/env python3
"""Writes a small animated test sequence (60 PNG frames, 640x480) for the demo when the
standard workloads are not available: a gradient, moving bars, text that scrolls, a clock."""
import os
import sys

from PIL import Image, ImageDraw

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for i in range(60):
    img = Image.new("RGB", (640, 480))
    d = ImageDraw.Draw(img)
    for y in range(0, 200):
        d.line([(0, y), (639, y)], fill=(y, 80, 255 - y))
    d.rectangle([i * 8, 220, i * 8 + 60, 300], fill=(240, 200, 40))
    for row in range(8):
        d.text((10, 320 + row * 18), "line %03d  tftstream test card" % (i + row), fill=(220, 220, 220))
    d.text((520, 20), "00:00:%02d" % i, fill=(255, 255, 255))
    img.save(os.path.join(out, "frame_%03d.png" % i))
