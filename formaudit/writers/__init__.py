"""Writers turn a form model (or a streamline proposal) into files: a fillable DOCX, the model as YAML
and the change log as Markdown. Every writer writes atomically and refuses to overwrite without
``force`` (see :func:`formaudit.output.atomic_write`)."""

from __future__ import annotations

from .docx_form import write_changelog, write_docx, write_model

__all__ = ["write_changelog", "write_docx", "write_model"]
