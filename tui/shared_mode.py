"""`hearthside --shared`: the app inside a tmux session private to the data folder, so two logins (two
devices) see and drive one screen. The first login starts it, the next ones attach; detaching leaves it
running for the other partner."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import tui
from tui.core.frozen import frozen
from tui.paths import SHARED_VARIABLE
from tui.store.errors import StoreError
from tui.store.presence import OpenElsewhere, open_elsewhere, shared_socket_path
from tui.terminal import locale_is_utf8

INSTALL_TMUX = (
    "Shared mode needs tmux, which is not installed here. Install it (Debian or Ubuntu: "
    "`sudo apt-get install tmux`; Fedora: `sudo dnf install tmux`; macOS: `brew install tmux`) and try again."
)
LEAVE_KEYS = "F12, or ctrl+] then d"
ON_JOIN = "Shared Hearthside: F12 (or ctrl+] d) leaves, your partner stays; ctrl+q ends it"
MESSAGE_MILLISECONDS = 6000
ESCAPE_MILLISECONDS = 50  # tmux's own wait after Escape (its default, 500 ms, makes Escape feel stuck)


@frozen
class SharedPlace:
    """The tmux socket and session name of one data folder's shared session."""

    socket: Path
    name: str


def shared_place(folder: Path) -> SharedPlace:
    """The socket (private to the data folder, 0700) and the session name (from a hash of its path)."""
    digest = hashlib.sha256(os.fsencode(Path(folder).resolve())).hexdigest()[:8]
    return SharedPlace(shared_socket_path(folder), f"hearthside-{digest}")


def session_running(tmux: str, place: SharedPlace) -> bool:
    """Whether the shared session of this place exists now."""
    done = subprocess.run(
        [tmux, "-S", str(place.socket), "has-session", "-t", f"={place.name}"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return done.returncode == 0


def app_command(arguments: Sequence[str], folder: Path) -> list[str]:
    """The command the session runs: this same Hearthside (this Python, this `tui`) with the given
    arguments and the data folder spelled out; it pauses for Enter if it ends with something to read."""
    hearthside = [sys.executable, "-m", "tui", "--data-dir", str(Path(folder).resolve()), *arguments]
    pause = 'code=$?; if [ $code -ne 0 ]; then printf "\\n(press Enter to close)"; read _; fi; exit $code'
    return ["sh", "-c", f'"$@"; {pause}', "sh", *hearthside]


def pane_terminal(environ: dict[str, str]) -> str:
    """The TERM the app sees inside tmux: 256 colours when the first login's terminal has at least that
    (tmux brings colours down for a weaker second terminal), else the 16 of `screen`."""
    term = environ.get("TERM", "")
    many = term.endswith(("256color", "direct")) or environ.get("COLORTERM") in ("truecolor", "24bit")
    return "screen-256color" if many else "screen"


def start_session(tmux: str, place: SharedPlace, command: Sequence[str], environ: dict[str, str]) -> bool:
    """Start the session detached, sized like this terminal, with its options; False if it already runs
    (another login started it a moment ago)."""
    size = shutil.get_terminal_size((80, 24))
    ours = str(Path(tui.__file__).resolve().parents[1])  # the session runs this very `tui`
    others = [part for part in environ.get("PYTHONPATH", "").split(os.pathsep) if part and part != ours]
    pythonpath = os.pathsep.join([ours, *others])
    setup = [
        tmux, "-f", os.devnull, "-S", str(place.socket), "start-server",
        ";", "set", "-g", "default-terminal", pane_terminal(environ),
        ";", "set", "-g", "status", "off",  # every row is the app's (it is designed for 80x24)
        ";", "set", "-g", "window-size", "smallest",  # both partners see the whole screen
        ";", "set", "-g", "mouse", "on",  # clicks reach the app
        ";", "set", "-g", "set-titles", "on",  # the app's window title (the time left) reaches each terminal
        ";", "set", "-g", "set-titles-string", "#T",
        ";", "set", "-g", "display-time", str(MESSAGE_MILLISECONDS),
        ";", "set", "-s", "escape-time", str(ESCAPE_MILLISECONDS),
        ";", "set", "-g", "prefix", "C-]",  # not ctrl+b: the app uses it (Back)
        ";", "unbind", "C-b",
        ";", "bind", "C-]", "send-prefix",
        ";", "bind", "-n", "F12", "detach-client",
        ";", "set-hook", "-g", "client-attached", f"display-message '{ON_JOIN}'",
        ";", "new-session", "-d", "-s", place.name, "-x", str(size.columns), "-y", str(size.lines),
        "-e", f"{SHARED_VARIABLE}={place.socket}", "-e", f"PYTHONPATH={pythonpath}",
        *command,
    ]  # fmt: skip
    done = subprocess.run(
        setup,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        env=environ,
    )
    return done.returncode == 0


def attach(tmux: str, place: SharedPlace, environ: dict[str, str]) -> int:
    """Attach this terminal to the shared session until the partner leaves it (detach) or it ends."""
    utf8 = ["-u"] if locale_is_utf8(environ) else []  # trust the login's locale: see docs/home-server.md
    rgb = ["-T", "RGB"] if full_colour(environ) else []  # tmux then passes full colour to this terminal
    done = subprocess.run(
        [tmux, *utf8, *rgb, "-S", str(place.socket), "attach-session", "-t", f"={place.name}"],
        env=environ,
        check=False,
    )
    return done.returncode


def full_colour(environ: dict[str, str]) -> bool:
    """Whether this login's terminal says it shows 24-bit colour (COLORTERM, or Textual's own variable)."""
    return (
        environ.get("COLORTERM") in ("truecolor", "24bit")
        or environ.get("TEXTUAL_COLOR_SYSTEM") == "truecolor"
    )


def tmux_environment() -> dict[str, str]:
    """This process's environment without TMUX, so the shared session also starts from inside tmux."""
    return {name: value for name, value in os.environ.items() if name != "TMUX"}


def run_shared(arguments: Sequence[str], folder: Path, script_named: bool) -> int:
    """Start or join the shared session of `folder` (`arguments` are the app's own: `run SCRIPT ...`)."""
    tmux = shutil.which("tmux")
    if tmux is None:
        print(INSTALL_TMUX, file=sys.stderr)
        return 1
    holder = open_elsewhere(folder)
    if holder is not None and not holder.shared:
        print(busy_plainly(folder, holder), file=sys.stderr)
        return 1
    try:
        place = shared_place(folder)
    except (OSError, StoreError) as error:
        print(f"Shared mode cannot start: {error}", file=sys.stderr)
        return 1
    environ = tmux_environment()
    if not session_running(tmux, place):
        if start_session(tmux, place, app_command(arguments, folder), environ):
            return left(tmux, place, attach(tmux, place, environ))
        if not session_running(tmux, place):
            print(f"Shared mode could not start tmux on {place.socket}.", file=sys.stderr)
            return 1
    if script_named:
        print(
            "A shared Hearthside is already running here: joining it (the script you named is not started).",
            file=sys.stderr,
        )
    return left(tmux, place, attach(tmux, place, environ))


def join(holder: OpenElsewhere) -> int:
    """Attach to the shared session recorded by the Hearthside that holds the history."""
    tmux = shutil.which("tmux")
    if tmux is None:
        print(INSTALL_TMUX, file=sys.stderr)
        return 1
    socket = Path(holder.shared_socket)
    names = subprocess.run(
        [tmux, "-S", str(socket), "list-sessions", "-F", "#{session_name}"],
        capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    name = next((line for line in names.stdout.splitlines() if line.startswith("hearthside-")), "")
    if not name:
        print("The shared session has just ended; start Hearthside again.", file=sys.stderr)
        return 1
    place = SharedPlace(socket, name)
    return left(tmux, place, attach(tmux, place, tmux_environment()))


def left(tmux: str, place: SharedPlace, code: int) -> int:
    """After the attach ends: whether the session goes on for the partner, and how to come back."""
    if code == 0 and session_running(tmux, place):
        print(
            "You left the shared Hearthside; it goes on for your partner. Log in again to join it.",
            file=sys.stderr,
        )
    return code


def busy_plainly(folder: Path, holder: OpenElsewhere) -> str:
    """Why a second Hearthside does not start over a history that a plain (not shared) one has open."""
    return (
        f"Hearthside is already open on the history in {folder} ({holder.who}), in a terminal of its own, "
        "so this one did not start: two at once would write one history twice. Finish or quit that one "
        "first; to use one session from two devices, start both with `hearthside --shared`."
    )
