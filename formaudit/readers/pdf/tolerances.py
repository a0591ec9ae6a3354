"""Every tolerance and threshold the PDF reader uses, named, with its unit and what it measures.

Units: ``PT`` = PDF points (1/72 inch, page coordinates); ``EM`` = a multiple of the font size of the
text concerned (or of the document's body size where said); ``BODY`` = a multiple of the body font
size; ``FRAC`` = a fraction (0..1); plain counts have no suffix. As pdfplumber keeps its
``DEFAULT_SNAP_TOLERANCE``, the values live here so that they can be read and reasoned about in one
place; each is used by name in the reader's modules.
"""

from __future__ import annotations

# ------------------------------------------------------------------------------------ text lines
#: two lines start at the same x when their left edges differ by at most this (wrapped labels)
ALIGN_PT = 3.0
#: a wrapped line follows the one above when the gap between them is at most this many ems
LINE_GAP_EM = 0.6
#: two segments have the same size when their font sizes differ by at most this
SAME_SIZE_PT = 0.3

# ------------------------------------------------------------------------------------ font sizes
#: body font size assumed for a document with no measurable text (pt)
DEFAULT_BODY_PT = 10.0
