"""Legacy Word ``.doc`` files, read by converting a copy to ``.docx`` with LibreOffice when it is installed.

The binary Word 97–2003 format has no maintained pure-Python reader; LibreOffice converts it faithfully
(tables, form fields, content). The conversion writes only into a private temporary folder — the input is
opened read-only and never changed — and the result goes through the ordinary DOCX reader. Without
LibreOffice the user gets one line saying to save the file as ``.docx``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import FormError
from ..model import Form

#: Seconds a conversion may take before it is abandoned (a damaged file can make LibreOffice hang).
CONVERT_TIMEOUT = 120


def office_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy_doc(path: str | Path, what: str = "legacy Word .doc", **options) -> Form:
    """Convert a copy of ``path`` to .docx with LibreOffice and read that; ``what`` names the file's kind
    in error messages."""
    path = Path(path)
    soffice = office_binary()
    if soffice is None:
        raise FormError(
            path, f"{what} — save it as .docx, or install LibreOffice so formaudit can convert it"
        )
    with tempfile.TemporaryDirectory(prefix="formaudit-doc-") as tmp:
        out_dir = Path(tmp) / "out"
        cmd = [
            soffice,
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",  # private profile: no lock clashes
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out_dir),
            str(path.resolve()),
        ]
        try:
            subprocess.run(
                cmd, capture_output=True, timeout=CONVERT_TIMEOUT, check=False, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired:
            raise FormError(
                path, f"{what}: LibreOffice did not convert it within {CONVERT_TIMEOUT} s"
            ) from None
        except OSError as e:
            raise FormError(path, f"{what}: LibreOffice could not be run ({e.strerror or e})") from None
        converted = out_dir / f"{path.stem}.docx"
        if not converted.is_file() or converted.stat().st_size == 0:
            raise FormError(path, f"{what} could not be converted (corrupt, encrypted or not a Word file)")
        from .docx import read_docx

        try:
            form = read_docx(converted, **options)
        except FormError as e:
            raise FormError(path, f"{what}: {e.reason}") from None
    form.source = str(path)
    form.format = "doc"
    return form
