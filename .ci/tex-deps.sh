#!/bin/sh
# Install what the PDF builds (`sphinx-build -M latexpdf`, tests/test_latex_pdf.py) need on
# a fresh Debian machine, as root: TeX Live with latexmk for the default pdflatex engine,
# the xelatex and lualatex engines with the FreeFont OpenType fonts Sphinx sets up for
# them, and pdftotext (poppler-utils) to read the text of a PDF back.
# Idempotent and quiet: a second run installs nothing.
set -eu

need_apt=""
command -v latexmk >/dev/null 2>&1 || need_apt="latexmk"
command -v pdflatex >/dev/null 2>&1 \
    || need_apt="$need_apt texlive-latex-recommended texlive-fonts-recommended"
# the LaTeX packages Sphinx's preamble loads that are not in latex-recommended (capt-of,
# needspace, tabulary, varwidth, wrapfig, ...), and its default pdflatex fonts (TeX Gyre
# Termes and Heros: only recommended by texlive-fonts-recommended)
kpsewhich capt-of.sty >/dev/null 2>&1 || need_apt="$need_apt texlive-latex-extra"
kpsewhich tgtermes.sty >/dev/null 2>&1 || need_apt="$need_apt tex-gyre"
command -v xelatex >/dev/null 2>&1 || need_apt="$need_apt texlive-xetex"
command -v lualatex >/dev/null 2>&1 || need_apt="$need_apt texlive-luatex"
[ -f /usr/share/fonts/opentype/freefont/FreeSerif.otf ] || need_apt="$need_apt fonts-freefont-otf"
command -v pdftotext >/dev/null 2>&1 || need_apt="$need_apt poppler-utils"

if [ -n "$need_apt" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086  # a list of package names
    apt-get install -y -qq --no-install-recommends $need_apt >/dev/null
fi
