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

# ------------------------------------------------------------------------------------ input boxes
#: a label to the left of an answer area is at most this far from it (pt)
LABEL_REACH_PT = 250.0
#: boxes on one line have tops (and bottoms) within this of each other (pt)
SAME_LINE_PT = 2.0
#: a single-line input box is at most this many body sizes tall (a web form's 40 px input at 19 px text)
INPUT_MAX_H_BODY = 2.6
#: the smallest box read as a part of a date (pt): smaller squares are tick boxes or decoration
PART_MIN_H_PT = 8.0
#: a date-part box is at most this many times as wide as it is tall (a four-digit year box)
DATE_PART_MAX_W_EM = 4.0
#: the gap between the boxes of one date is at most this many box heights
DATE_PART_GAP_EM = 2.5
#: a date is written in at most this many boxes (one per digit: dd mm yyyy)
DATE_MAX_PARTS = 8

# ------------------------------------------------------------------------------------ text colour
#: grey text (hints) has a luminance between these (0 black .. 1 white) ...
GREY_MIN_LUM = 0.2
GREY_MAX_LUM = 0.75
#: ... and is neutral: its red, green and blue differ by at most this (0..255)
GREY_MAX_CHROMA = 40

# ------------------------------------------------------------------------------------ words
#: letters closer than this are one word (pt; pdfplumber's x_tolerance)
WORD_GAP_PT = 1.5

# ------------------------------------------------------------------------------------ tick boxes
#: a drawn square between these sizes is a tick box (pt)
TICK_MIN_PT = 5.5
TICK_MAX_PT = 16.5
#: a larger square or a circle (a web form's 40 px radio or check marker) up to this size is a
#: marker when its option text starts beside it (pt)
MARKER_MAX_PT = 32.0
#: a square's width and height differ by less than this (pt)
TICK_SQUARE_PT = 2.5
#: the option text starts within this many marker widths right of the marker
OPTION_GAP_EM = 0.9
#: a circle is drawn with at least this many path points (Bezier arcs), all within this fraction
#: of the radius from the radius
ROUND_MIN_POINTS = 8
ROUND_TOLERANCE = 0.15
#: a paper form's box below this height holds one line of writing (pt; 1.9 written lines)
ONE_LINE_MAX_PT = 26.6

# ------------------------------------------------------------------------------------ questions
#: a bold or large line ending with a full stop is a sentence (guidance) from this many words
SENTENCE_MIN_WORDS = 6
#: a paper tick list of this many options or more takes several answers (multi-choice)
LONG_TICK_LIST = 9
#: at most this many lines (a web page's header, banners, back link, caption) stand above a
#: form's title on its first page and are then page furniture
TITLE_MAX_FURNITURE = 8
#: a one-line input box is at most this fraction of the page width (wider: a rule band or border)
INPUT_MAX_W_PAGE = 0.95
#: an empty table cell at least this tall is somewhere to write an answer (pt)
ANSWER_CELL_MIN_PT = 10.0
#: options whose left edges are within this of each other stand in one column (pt)
COLUMN_ALIGN_PT = 6.0

# ------------------------------------------------------------------------------------ table cells
#: a drop-down's shown item (or a filled-in value) beside a label has at most this many words
SHOWN_ITEM_MAX_WORDS = 8

# ------------------------------------------------------------------------------------ page margins
#: the bottom margin is the last MARGIN_FRAC of the page height, the top margin the first
#: MARGIN_TOP_FRAC (page numbers, a browser's printed date, title and URL)
MARGIN_FRAC = 0.08
MARGIN_TOP_FRAC = 0.06
