"""SVG figures become PNG before anyone sees them.

An SVG is a document that can carry script, links and references to other
files; a PNG is only pixels. Manuscript figures in SVG are drawn once, by
CairoSVG in a bounded child process (`unsafe=False`: no entities, no files, no
network), and only the PNG is stored and served.
"""

import sys

from journal.bounded_process import BoundedProcessError, Limits, run_bounded

# Figures wider than this are scaled down; the height follows the aspect ratio.
MAX_WIDTH = 2400
LIMITS = Limits(memory_bytes=768 * 1024 * 1024, cpu_seconds=20, timeout_seconds=30)

_CONVERT = """
import sys
import cairosvg
from cairosvg.parser import Tree
data = sys.stdin.buffer.read()
tree = Tree(bytestring=data, unsafe=False)
kwargs = {}
limit = int(sys.argv[1])
width = cairosvg.helpers.size(None, tree.get("width"), "x") if tree.get("width") else 0
if not width or width > limit:
    kwargs["output_width"] = limit
sys.stdout.buffer.write(cairosvg.svg2png(bytestring=data, unsafe=False, **kwargs))
"""


class SvgConversionError(Exception):
    pass


def svg_to_png(data: bytes) -> bytes:
    """The drawing as PNG; SvgConversionError if it cannot be drawn safely."""
    try:
        png = run_bounded(
            [sys.executable, "-c", _CONVERT, str(MAX_WIDTH)], stdin=data, limits=LIMITS
        )
    except BoundedProcessError as exc:
        raise SvgConversionError(str(exc)) from exc
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise SvgConversionError("no image produced")
    return png
