"""formaudit: audit form templates for repeated questions, redundant sections and completion time.

The small Python API::

    from formaudit import read_form
    form = read_form("referral.docx")
    for section, field in form.iter_fields():
        print(section.title, field.label, field.kind)
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "read_form"]


def read_form(path, **options):
    """Read a .docx, .pdf or form-model .yaml/.json file into a :class:`formaudit.model.Form`."""
    from .readers import read_form as _read

    return _read(path, **options)
