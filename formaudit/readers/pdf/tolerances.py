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
#: a circle is drawn with at least this many Bezier arcs or this many path points, all within
#: ROUND_TOLERANCE of the radius from its centre
ROUND_MIN_ARCS = 2
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

# =================================================================================================
# The reader's established measures (named from the numbers the modules used inline).
# =================================================================================================

# ---- written lines and answer capacity
#: height of one handwritten or typed line in an answer box (pt)
LINE_PT = 14.0
#: words written on one line of an answer box
WORDS_PER_LINE = 10
#: a box at least this many written lines tall is a long (multi-line) answer
LONG_BOX_LINES = 1.9
#: a table answer cell at least this many written lines tall is a long answer
LONG_CELL_LINES = 2.4
#: a cell holding its own label has at least this many written lines of room under the label
CELL_ROOM_LINES = 1.0
#: an AcroForm text box this many written lines tall (or TALL_WIDGET_EM of its font) is multi-line
TALL_WIDGET_LINES = 2.2
TALL_WIDGET_EM = 2.4
#: a text widget's font above this size sets its line height (pt)
LARGE_WIDGET_FONT_PT = 12.0
#: capacity given to a prompt standing alone under its question (written lines)
PROMPT_BOX_LINES = 5
#: an answer cell is "filled" by its label when the label is at least this many lines of its type
LABEL_FILLS_ROW_LINES = 2
#: ... and reaches to within this many written lines of the cell's height
LABEL_FILLS_ROW_SLACK_LINES = 0.5

# ---- type sizes and styles
#: text this much larger than the body size is set larger (a heading); this much smaller, a hint (pt)
SIZE_STEP_PT = 0.4
#: bold text down to this much below the body size still counts as body-size bold (pt)
BOLD_BODY_SLACK_PT = 0.2
#: font size assumed for text whose size is not known, and the smallest size used in measures (pt)
UNKNOWN_SIZE_PT = 9.0
PROMPT_SIZE_PT = 10.0
MIN_SIZE_PT = 6.0
#: a line is bold / italic / grey when more than this share of its characters is
STYLE_SHARE = 0.6
#: a heading is at most this many characters long
HEADING_MAX_CHARS = 120
#: so many body-size bold lines holding tick boxes or blanks make bold the form's label style
BOLD_LABEL_LINES = 3

# ---- lines of text, words and blocks
#: words whose centres lie within this share of their height are on one line
SAME_LINE_SHARE = 0.45
#: the last few lines searched when placing a word on a line
LINE_LOOKBACK = 4
#: words further apart than this many ems start a new segment
SEGMENT_GAP_EM = 1.5
#: a prompt's next word is within this many ems (on its line, or the line below)
PROMPT_WORD_GAP_EM = 1.2
#: lines searched below a prompt for its wrapped words
PROMPT_WRAP_LINES = 2
#: a label block stops looking this many ems below (or above) its last line
BLOCK_REACH_EM = 3.0
#: a line this much below/above the previous one's top is a different line (pt)
SAME_TOP_PT = 0.5
#: a line wider than the label by this share of its width plus WRAP_WIDER_PT is not a wrapped line
WRAP_WIDER_SHARE = 0.35
WRAP_WIDER_PT = 40.0
#: a line starting this high into the one above it overlaps it (ems)
LINE_OVERLAP_EM = 0.3
#: segments overlap vertically by at least this share of the lower height to be on one line:
#: left of a box, right of a tick box, and options side by side
LEFT_OVERLAP_SHARE = 0.4
RIGHT_OVERLAP_SHARE = 0.3
OPTIONS_OVERLAP_SHARE = 0.3
SAME_ROW_SHARE = 0.5
#: option text starts at most this far right of its tick box (pt)
OPTION_TEXT_GAP_PT = 24.0
#: the order offset that sorts a heading's own field just after it (pt)
ORDER_EPS_PT = 0.01

# ---- labels and questions around answer areas
#: a label or question above an answer area is at most this many body sizes (at least
#: ABOVE_REACH_MIN_PT) above it
ABOVE_REACH_BODY = 2.5
ABOVE_REACH_MIN_PT = 24.0
#: a question above a blank or a check box, a date's captions: at most this many body sizes up
NEAR_ABOVE_BODY = 1.5
#: a caption printed under its answer line or box is at most this many body sizes below it
CAPTION_BELOW_BODY = 1.0
#: a caption above a grid of widgets: at least this far (pt)
CAPTION_REACH_MIN_PT = 14.0
#: the question above a list of tick-box lines is at most this many body sizes up, and may start
#: up to OPTION_QUESTION_LEFT_PT left of the list
OPTION_QUESTION_BODY = 1.8
OPTION_QUESTION_LEFT_PT = 40.0
#: tick-box lines of one list follow each other within this many ems and start within
#: OPTION_LIST_SHIFT_PT of the list's first line
OPTION_LINE_PITCH_EM = 1.2
OPTION_LIST_SHIFT_PT = 150.0
#: a label above a single-line box starts left of its last tenth
LABEL_ABOVE_BEFORE_SHARE = 0.1
#: a heading label used as guidance is at most this many words when it becomes a box's label
GUIDANCE_LABEL_MAX_WORDS = 30

# ---- AcroForm widgets
#: check boxes one under another are at most this far apart (pt)
CHECK_STACK_GAP_PT = 14.0
#: text widgets of one grid column are at most this far apart (pt)
GRID_ROW_GAP_PT = 12.0
#: depth of the field tree walked (a malformed file may loop)
FIELD_TREE_MAX_DEPTH = 30

# ---- drawn boxes, rules and shading
#: an answer box is at least this wide (pt)
MIN_BOX_W_PT = 60.0
#: text filling more than this share of a box's height makes it a text panel, not an answer box
PANEL_TEXT_SHARE = 0.45
#: a single-line box is at least this tall (pt) and LINE_BOX_MIN_ASPECT times as wide as tall
LINE_BOX_MIN_H_PT = 10.0
LINE_BOX_MIN_ASPECT = 3.0
#: boxes closer than this touch (cells of a drawn grid) (pt)
TOUCH_PT = 1.5
#: a rule is at most this thick and at least RULE_MIN_W_PT long (pt)
RULE_MAX_THICK_PT = 1.5
RULE_MIN_W_PT = 25.0
#: a vertical line of a drawn box is at least this long; boxes of four lines at least this tall (pt)
VLINE_MIN_PT = 10.0
#: a rule's label ends at most this far left of it (pt)
RULE_LABEL_GAP_PT = 40.0
#: writing lines of one stack are at most this many written lines apart
RULE_STACK_LINES = 3
#: text sitting on a rule reaches this far below it (an underline) (pt)
UNDERLINE_PT = 3.0
#: a closed path is a box from this size (pt)
RECT_CURVE_MIN_PT = 10.0
#: a fill darker than this luminance is a dark bar (white text on it, never an answer box)
DARK_FILL_LUM = 0.8
#: a fill lighter than this luminance is white (no shading)
WHITE_LUM = 0.985
#: luminance weights of red, green and blue (ITU-R BT.601)
LUMA_WEIGHTS = (0.299, 0.587, 0.114)

# ---- dates in boxes
#: the year box of a day | month | year row is this many times as wide as the others
YEAR_BOX_WIDER = 1.3
#: one box per digit: dd mm yy or dd mm yyyy
DIGIT_BOX_COUNTS = (6, 8)

# ---- overlays (widgets on a printed form's answer areas)
#: a widget overlaps printed answer text by more than this (pt), and its centre is within
#: OVERLAY_REACH_PT of the text vertically
OVERLAY_PAD_PT = 0.5
OVERLAY_REACH_PT = 6.0
#: a widget covers at least this share of the answer area's width
OVERLAY_WIDTH_SHARE = 0.5

# ---- tables
#: a cell's shading covers at least this share of its width and height
CELL_FILL_SHARE = 0.6
#: a heading row's text is at most this share of its cell's height plus HEADING_ROW_PAD_PT
HEADING_ROW_TEXT_SHARE = 0.6
HEADING_ROW_PAD_PT = 14.0
#: a grid's header cells hold at most this many words
GRID_HEADER_MAX_WORDS = 12
#: a grid labelled in its first column has at least this many columns
ROW_LABEL_MIN_COLS = 3

#: a table drawn with horizontal rules only has at least this many rules (count) ...
RULED_MIN_RULES = 3
#: ... each at most this far below the one before (pt; a row of five written lines)
RULED_ROW_MAX_PT = 5 * LINE_PT

# ---- page structure
#: running headers and footers are in the top or bottom RUNNING_MARGIN_SHARE of the page, at the
#: same place (rounded to RUNNING_POS_PT) on two or more pages
RUNNING_MARGIN_SHARE = 0.1
RUNNING_POS_PT = 3.0
#: shading levels told apart for headings
HEADING_FILL_LEVELS = 3
#: a title's lines: centred within TITLE_CENTRED_PT or aligned within TITLE_ALIGN_PT, at most
#: TITLE_LINE_GAP_EM of its size apart; at most TITLE_MAX_BEFORE lines of plain text above it
TITLE_CENTRED_PT = 20.0
TITLE_ALIGN_PT = 40.0
TITLE_LINE_GAP_EM = 0.8
TITLE_MAX_BEFORE = 3

# ---- pages drawn sideways (turn.py) and turned pages (/Rotate)
#: a page turns in quarter turns (degrees): /Rotate is a multiple of this
QUARTER_TURN_DEG = 90
#: a page is read turned when more than this share (FRAC) of its characters advance in one direction
#: other than left to right ...
SIDEWAYS_SHARE = 0.6
#: ... and it has at least this many characters (count)
SIDEWAYS_MIN_CHARS = 10
#: the direction is judged on an even sample of at most about this many of the page's characters (count)
SIDEWAYS_SAMPLE_CHARS = 400

# ---- XFA templates (xfa.py)
#: XFA's default font size (pt): draw text set larger (by SIZE_STEP_PT) or bold is a heading
XFA_BODY_PT = 10.0
#: units of XFA measurements: points, millimetres and centimetres per inch
PT_PER_INCH = 72.0
MM_PER_INCH = 25.4
CM_PER_INCH = 2.54
#: an XFA form's pages holding at most this many words (count) are only its "please wait" message
XFA_MESSAGE_MAX_WORDS = 60

# ---- text the parser could not map to characters
#: a form whose text is more than this share (FRAC) of "(cid:N)" glyph codes cannot be read
UNMAPPED_TEXT_SHARE = 0.5

# ---- error reports
#: depth of an exception's cause chain searched for a password error
CAUSE_CHAIN_DEPTH = 6
#: characters of a parser's message shown in a corrupt-file report
REASON_MAX_CHARS = 80

# ---- edges
#: a point or edge within this of a box's edge counts as on or inside it (drawing coordinates are
#: rounded; a border's half width) (pt)
EDGE_PT = 1.0
#: a looser edge allowance: text touching a box, a widget's centre on its answer area (pt)
NEAR_PT = 2.0

# ---- combs (one drawn box per character)
#: a row of at least this many character boxes is one answer
COMB_MIN_BOXES = 4
#: groups of a comb (dd | mm | yyyy) are at most this many box widths apart
COMB_GROUP_GAP_EM = 1.5
#: a character box is at most this many times as wide as it is tall
COMB_CELL_MAX_EM = 1.5

# ---- drop-down lists
#: a drawn arrow or chevron is at most this size (pt)
ARROW_MAX_PT = 12.0
#: a drop-down's arrow stands in the box's part right of this share of its width
ARROW_RIGHT_SHARE = 0.6
#: a marker's option text is at most this many times as tall as the marker (a browser's native
#: 13 px radio beside 14 px text)
OPTION_TEXT_MAX_EM = 1.6


# --------------------------------------------------------------------------------- filled-in forms (filled.py)
# A filled-in copy of a flat form reads like the blank one: these decide when it counts as filled in.
#: "Label: value" lines (count) before a document with no blanks counts as filled in.
FILLED_MIN_LINES = 3
#: Most words in the label part of a "Label: value" line.
FILLED_LABEL_MAX_WORDS = 8
#: Smallest answer box (pt): two written lines tall, and wider than a tick box.
FILLED_BOX_MIN_HEIGHT = 2 * LINE_PT
FILLED_BOX_MIN_WIDTH = 100.0
#: Side of a drawn tick box (pt): a line with one is a choice, not a "Label: value" line.
FILLED_TICK_MIN_PT, FILLED_TICK_MAX_PT = 6.0, 16.0
#: Slack (pt) when testing that text lies inside a box.
FILLED_INSIDE_PT = 1.5

# ---- web forms printed from a browser
#: an input's placeholder text sits at most this far above the input's underline (pt)
PROMPT_RULE_GAP_PT = 12.0
#: a filled, unstroked shape covering more than this share of the page's area is a background
BACKDROP_PAGE_SHARE = 0.5
#: a table cell at most this wide or tall is a sliver (an accent bar, the gap of a double border) (pt)
SLIVER_MAX_PT = 6.0
#: a page holds a check-your-answers list when at least this many rows end in a "Change" link
SUMMARY_MIN_ROWS = 2
#: a filled, unstroked panel covering more than this share of the page that encloses other
#: drawn shapes is a background (a web page's card)
PANEL_MIN_PAGE_SHARE = 0.1
#: a rounded box's corners have at most this radius (pt), and each of its edges runs straight for
#: at least ROUNDED_EDGE_RUN_SHARE of its length
ROUNDED_CORNER_MAX_PT = 12.0
ROUNDED_EDGE_RUN_SHARE = 0.3
#: a rule less than this many of a heading's ems under it is the heading's underline, not a line
#: to write on
HEADING_RULE_GAP_EM = 0.6
#: a box framing one question and its options (a question card) is at most this share of the
#: page's height
CARD_MAX_PAGE_SHARE = 0.5
#: a placeholder starts at most this many body sizes in from its input's left edge
PLACEHOLDER_INSET_EM = 2.0

#: a shaded band heading: a fill at least this share of the page's width wide (fraction) ...
BAND_MIN_PAGE_SHARE = 0.6
#: ... at most this many body lines high (lines), holding one short line of text and nothing else
BAND_MAX_LINES = 2.0
#: a grid's row labels (or column headers) are a record's details when at least this share of them
#: ask one (fraction)
RECORD_DETAILS_MIN_SHARE = 0.5
#: a box holding only a label labels the empty box below it when at most this many lines above it
#: (text boxes anchored in successive paragraphs stand a few blank lines apart) (lines of LINE_PT)
LABEL_BOX_REACH_LINES = 4.0
#: ... and the two share at least this much of the narrower one's width (fraction)
LABEL_BOX_OVERLAP_SHARE = 0.8
