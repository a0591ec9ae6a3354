"""Legacy Word ``.doc`` files, read by converting a copy to ``.docx`` with LibreOffice when it is installed.

The binary Word 97–2003 format has no maintained pure-Python reader; LibreOffice converts it faithfully
(tables, form fields, content). The conversion writes only into a private temporary folder — the input is
opened read-only and never changed — and the result goes through the ordinary DOCX reader.

The conversion is offline: LibreOffice runs in an empty network namespace (``unshare -rn``) where the
system allows it, and always with a private profile in which macros are disabled, links and fields are
never updated, untrusted linked pictures are blocked and every proxy points at a closed local port — so
a ``.doc`` whose picture is linked to a URL cannot make a request. Without
LibreOffice the user gets one line saying to save the file as ``.docx``.
"""

from __future__ import annotations

import functools
import os
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


#: The private profile's settings: macros never run, links are never updated, linked pictures from
#: untrusted places are blocked, and every internet request goes to a proxy that is not there (port 9,
#: "discard") — the fallback where no network namespace can be made.
_PROFILE_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
{items}
</oor:items>
"""
_SETTINGS = [
    ("/org.openoffice.Office.Common/Security/Scripting", "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Common/Security/Scripting", "DisableMacrosExecution", "true"),
    ("/org.openoffice.Office.Common/Security/Scripting", "BlockUntrustedRefererLinks", "true"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),  # links: never updated
    ("/org.openoffice.Office.Writer/Content/Update", "Field", "0"),  # fields: never updated
    ("/org.openoffice.Inet/Settings", "ooInetProxyType", "1"),  # manual proxy
    ("/org.openoffice.Inet/Settings", "ooInetNoProxy", ""),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetHTTPSProxyPort", "9"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyName", "127.0.0.1"),
    ("/org.openoffice.Inet/Settings", "ooInetFTPProxyPort", "9"),
]


def _write_profile(profile: Path) -> None:
    items = "\n".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for path, name, value in _SETTINGS
    )
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(_PROFILE_XCU.format(items=items), encoding="utf-8")


@functools.cache
def no_network_prefix() -> tuple[str, ...]:
    """A command prefix that runs a program with no network at all: a new, empty network namespace
    (``unshare -rn``), where the system allows unprivileged namespaces; else ``()``."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        ok = (
            subprocess.run(
                [unshare, "-rn", "true"], capture_output=True, timeout=10, stdin=subprocess.DEVNULL
            ).returncode
            == 0
        )
    except (OSError, subprocess.SubprocessError):
        ok = False
    return (unshare, "-rn") if ok else ()


def _child_setup() -> None:  # pragma: no cover - runs in the child before exec
    from ..isolate import lift_memory_limit

    lift_memory_limit()  # LibreOffice reserves far more address space than a worker may use


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
        _write_profile(Path(tmp) / "profile")
        env = {
            k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")
        }  # our profile's proxy, not the user's
        env.update({"http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "no_proxy": ""})
        cmd = [
            *no_network_prefix(),
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
                cmd,
                capture_output=True,
                timeout=CONVERT_TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
                env=env,
                preexec_fn=_child_setup if os.name == "posix" else None,  # noqa: PLW1509
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
